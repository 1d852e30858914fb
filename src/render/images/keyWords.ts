// Picks the few words of a scene that say what it is about, for the offline title card.

// Function words of the languages scripts are most often written in. A word here is dropped unless
// it is capitalised mid-sentence (then it is likely a name: "May", "Will").
const STOP_WORDS = new Set(
  `a about above after again against all almost also am an and any are aren't around as at be
  because been before being below between both but by can can't cannot could couldn't did didn't do
  does doesn't doing don't down during each even ever every few for from further get gets got had
  hasn't has have haven't having he he'd he'll he's her here here's hers herself him himself his how
  how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's like made make
  many may me might more most much must mustn't my myself never no nor not now of off often on once
  only or other ought our ours ourselves out over own really same shan't she she'd she'll she's
  should shouldn't so some still such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those though through to too under until up
  upon us very was wasn't we we'd we'll we're we've were weren't what what's when when's where
  where's which while who who's whom why why's will with within without won't would wouldn't yet you
  you'd you'll you're you've your yours yourself yourselves one two three first new way back well
  say says said
  o os as um uma uns umas de do da dos das em no na nos nas por para com sem que se e ou mas mais
  muito é são foi ser ter tem há ao aos à às el la los las un una unos unas del al y en es son con
  por para que se lo su sus le les des du et est sont dans pour avec sur ce cette qui une der die
  das den dem ein eine einen und ist sind mit für auf von zu im nicht`.split(/\s+/),
);

const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*$/u;

// Scripts written without spaces between words: their runs are split into words by ICU's dictionaries.
export const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/** Whitespace-separated tokens; an unspaced run becomes its words, punctuation kept on the word before. */
function tokensOf(text: string, language: string | undefined): string[] {
  const tokens: string[] = [];
  let words: Intl.Segmenter | undefined;
  for (const token of text.split(/\s+/u)) {
    if (!token) continue;
    if (!UNSPACED.test(token)) {
      tokens.push(token);
      continue;
    }
    words ??= wordSegmenter(language);
    let current = '';
    for (const { segment, isWordLike } of words.segment(token)) {
      if (isWordLike && current) {
        tokens.push(current);
        current = '';
      }
      current += segment;
    }
    if (current) tokens.push(current);
  }
  return tokens;
}

function wordSegmenter(language: string | undefined): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language, { granularity: 'word' });
  } catch {
    return new Intl.Segmenter(undefined, { granularity: 'word' });
  }
}

interface Candidate {
  word: string;
  index: number;
  score: number;
}

/**
 * Strips surrounding punctuation, keeping inner apostrophes, hyphens and number signs (3.5, 50%), and
 * combining marks: Devanagari's vowel signs end words (नमस्ते, दुनिया), and a word without them is another word.
 */
function clean(token: string): string {
  return token.replace(/^[^\p{L}\p{M}\p{N}$€£#]+/u, '').replace(/[^\p{L}\p{M}\p{N}%]+$/u, '');
}

/**
 * The 3–6 most meaningful words of `text`, in the order they appear: stop words dropped, names
 * (capitalised mid-sentence) and numbers favoured, longer words before shorter. Texts with fewer
 * meaningful words are topped up with their other words; fewer than three words return them all.
 * Chinese, Japanese, Thai and other text without spaces is split into its dictionary words first.
 */
export function keyWords(text: string, options: { max?: number; min?: number; language?: string } = {}): string[] {
  const { max = 6, min = 3, language } = options;
  const tokens = tokensOf(text, language);
  const meaningful: Candidate[] = [];
  const rest: Candidate[] = [];
  const seen = new Set<string>();
  let sentenceStart = true;
  tokens.forEach((token, index) => {
    const word = clean(token);
    const startsSentence = sentenceStart;
    sentenceStart = SENTENCE_END.test(token);
    const key = word.toLocaleLowerCase();
    if (!word || seen.has(key)) return;
    seen.add(key);
    const hasDigit = /\p{N}/u.test(word);
    const name = !startsSentence && /^\p{Lu}/u.test(word);
    const letters = [...word].length;
    const candidate = { word, index, score: letters + (name ? 4 : 0) + (hasDigit ? 5 : 0) };
    if (hasDigit || name || (!STOP_WORDS.has(key) && letters > 1)) meaningful.push(candidate);
    else rest.push(candidate);
  });
  // Half the meaningful words, within [min, max]: a short line keeps most, a long one its best.
  const wanted = Math.min(max, Math.max(min, Math.ceil(meaningful.length / 2)));
  const picked = [...meaningful].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, wanted);
  for (const c of rest) {
    if (picked.length >= wanted) break;
    picked.push(c);
  }
  return picked.sort((a, b) => a.index - b.index).map((c) => c.word);
}
