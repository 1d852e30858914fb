// The offline splitter on real text in many scripts: sentence ends, grapheme-safe cuts, its limits.
import { describe, expect, it } from 'vitest';
import { MAX_NARRATION_CHARS, MAX_SCRIPT_SCENES } from '../../src/render/script/schema.js';
import { firstSentenceTitle, splitScript } from '../../src/render/script/splitScript.js';

const narrations = (text: string, language: string) => splitScript(text, language).map((s) => s.narration);

/** Offsets where the scenes start in the text (whitespace collapsed, as the splitter reads it). */
function sceneStarts(text: string, scenes: string[]): number[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const starts: number[] = [];
  let at = 0;
  for (const s of scenes) {
    const i = flat.indexOf(s, at);
    // Each scene is the next piece of the text, after at most the one space that separated it.
    expect(i === at || (i === at + 1 && flat[at] === ' '), `scene ${JSON.stringify(s.slice(0, 20))} follows the previous one`).toBe(true);
    starts.push(i);
    at = i + s.length;
  }
  expect(at).toBe(flat.length);
  return starts;
}

/** Every scene starts on a grapheme boundary of the text: no cluster (emoji sequence, letter + marks) was cut. */
function expectGraphemeSafe(text: string, scenes: string[]) {
  const flat = text.replace(/\s+/g, ' ').trim();
  const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(flat);
  for (const start of sceneStarts(text, scenes)) expect(graphemes.containing(start)!.index, `scene starting at ${start}`).toBe(start);
  for (const s of scenes) expect(s).toBe(s.trim());
}

describe('splitScript', () => {
  it('ends Hindi sentences at । and ?, keeping their vowel signs', () => {
    const text = 'भारत एक विशाल देश है। यहाँ बहुत सी भाषाएँ बोली जाती हैं। क्या आपने ताजमहल देखा है? हिमालय उत्तर में है।';
    const scenes = narrations(text, 'hi');
    expect(scenes).toEqual(['भारत एक विशाल देश है।', 'यहाँ बहुत सी भाषाएँ बोली जाती हैं।', 'क्या आपने ताजमहल देखा है?', 'हिमालय उत्तर में है।']);
    // Without spaces after the danda too.
    expect(narrations('पहला वाक्य।दूसरा वाक्य।', 'hi')).toEqual(['पहला वाक्य।', 'दूसरा वाक्य।']);
    expectGraphemeSafe(text, scenes);
  });

  it('ends Arabic sentences at ؟ and . and reads them in logical order', () => {
    const text = 'القاهرة هي عاصمة مصر. هل زرت الأهرامات؟ نهر النيل أطول نهر في العالم! الصحراء كبيرة جدا. الشمس حارة في الصيف؟';
    const scenes = narrations(text, 'ar');
    expect(scenes).toHaveLength(4);
    expect(scenes[0]).toBe('القاهرة هي عاصمة مصر.');
    expect(scenes[1]).toBe('هل زرت الأهرامات؟');
    expect(scenes.join(' ')).toBe(text);
  });

  it('ends Chinese and Japanese sentences at 。！？ without inventing spaces between them', () => {
    const zh = '长城是中国最著名的建筑。它有两千多年的历史！你去过北京吗？北京是中国的首都。';
    expect(narrations(zh, 'zh-CN')).toEqual(['长城是中国最著名的建筑。', '它有两千多年的历史！', '你去过北京吗？', '北京是中国的首都。']);
    const ja = '富士山は日本で一番高い山です。とても美しいですね！登ったことがありますか？夏に登る人が多いです。';
    const scenes = narrations(ja, 'ja');
    expect(scenes).toEqual(['富士山は日本で一番高い山です。', 'とても美しいですね！', '登ったことがありますか？', '夏に登る人が多いです。']);
    expect(scenes.join('')).toBe(ja);
  });

  it('gives a one-sentence text one scene, and fewer than four sentences one scene each', () => {
    expect(narrations('Octopuses have three hearts', 'en')).toEqual(['Octopuses have three hearts']);
    expect(narrations('यह एक वाक्य है।', 'hi')).toEqual(['यह एक वाक्य है।']);
    expect(narrations('One. Two!', 'en')).toEqual(['One.', 'Two!']);
    expect(narrations('   \n ', 'en')).toEqual([]);
  });

  it('makes 4–10 balanced scenes of a text of ordinary length', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} has exactly ten words in it today.`);
    const scenes = narrations(sentences.join(' '), 'en');
    expect(scenes).toHaveLength(10);
    for (let k = 0; k < 10; k++) expect(scenes[k]).toBe(sentences.slice(4 * k, 4 * k + 4).join(' '));
    // Five even sentences: four scenes, not three.
    expect(narrations('A b c. D e f. G h i. J k l. M n o.', 'en')).toHaveLength(4);
  });

  it('accepts a 20,000-character text in any script and splits it into at most 30 scenes under the narration limit', () => {
    const english = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} has exactly ten words in it today.`)
      .join(' ')
      .slice(0, 20_000);
    const hindi = 'भारत एक विशाल देश है और यहाँ बहुत सी भाषाएँ बोली जाती हैं। '.repeat(400).slice(0, 20_000);
    const chinese = '中华人民共和国是世界上人口最多的国家之一'.repeat(1000); // one "sentence", no punctuation
    const oneWord = 'a'.repeat(20_000);
    for (const [name, text, language] of [
      ['english', english, 'en'],
      ['hindi', hindi, 'hi'],
      ['chinese', chinese, 'zh'],
      ['one word', oneWord, 'en'],
    ] as const) {
      expect(text).toHaveLength(20_000);
      const started = performance.now();
      const scenes = narrations(text, language);
      const ms = performance.now() - started;
      const lengths = scenes.map((s) => s.length);
      console.info(
        `20,000 characters of ${name}: ${scenes.length} scenes of ${Math.min(...lengths)}–${Math.max(...lengths)} characters in ${ms.toFixed(0)} ms`,
      );
      expect(scenes.length, name).toBeGreaterThanOrEqual(10);
      expect(scenes.length, name).toBeLessThanOrEqual(MAX_SCRIPT_SCENES);
      for (const s of scenes) expect(s.length, name).toBeLessThanOrEqual(MAX_NARRATION_CHARS);
      expectGraphemeSafe(text, scenes);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('cuts an over-long sentence at word boundaries, and an over-long word only between graphemes', () => {
    const sentence = `${'lorem ipsum dolor '.repeat(100).trim()}.`;
    const cut = narrations(sentence, 'en');
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join(' ')).toBe(sentence);
    for (const s of cut) expect(s).toMatch(/^(lorem|ipsum|dolor)\b/);

    // Emoji ZWJ sequences (family: 11 code units each), flags and skin tones with nothing between them.
    const emoji = '👨‍👩‍👧‍👦🇯🇵👍🏽'.repeat(300);
    const emojiScenes = narrations(emoji, 'en');
    expect(emojiScenes.length).toBeGreaterThan(1);
    expectGraphemeSafe(emoji, emojiScenes);
    for (const s of emojiScenes) expect(s).toMatch(/^(?:👨‍👩‍👧‍👦|🇯🇵|👍🏽)+$/u);

    // Combining marks: decomposed é, Devanagari conjuncts with vowel signs, Arabic with harakat.
    for (const [word, language] of [
      ['e\u0301'.repeat(900), 'fr'],
      ['क्षि'.repeat(500), 'hi'],
      ['بِسْمِ'.repeat(300), 'ar'],
    ] as const) {
      const scenes = narrations(word, language);
      expect(scenes.length, language).toBeGreaterThan(1);
      expectGraphemeSafe(word, scenes);
      for (const s of scenes) expect(/^\p{M}/u.test(s), `${language} scene starts with a mark`).toBe(false);
    }
  });

  it('titles a text by its first sentence in its own script, cut between graphemes', () => {
    expect(firstSentenceTitle('长城是中国最著名的建筑。它有两千多年的历史！', 'zh')).toBe('长城是中国最著名的建筑。');
    expect(firstSentenceTitle('भारत एक विशाल देश है। यहाँ बहुत सी भाषाएँ हैं।', 'hi')).toBe('भारत एक विशाल देश है।');
    const emoji = firstSentenceTitle('👨‍👩‍👧‍👦'.repeat(20), 'en');
    expect(emoji.length).toBeLessThanOrEqual(80);
    expect(emoji).toMatch(/^(?:👨‍👩‍👧‍👦)+…$/u);
  });
});
