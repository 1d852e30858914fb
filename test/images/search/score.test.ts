import { describe, expect, it } from 'vitest';
import { type ImageCandidate, queryWords, scoreCandidates, stockSite } from '../../../src/render/images/search/index.js';

const TARGET = { width: 720, height: 1280 };

function cand(url: string, extra: Partial<ImageCandidate> = {}): ImageCandidate {
  return { url, title: '', provider: 'test', ...extra };
}

const order = (query: string, list: ImageCandidate[]) => scoreCandidates(query, list, TARGET).map((c) => c.url);

describe('scoreCandidates', () => {
  it('puts a big portrait first and a very wide panorama last', () => {
    const list = [
      cand('https://a.org/panorama.jpg', { width: 6000, height: 1200 }),
      cand('https://a.org/landscape.jpg', { width: 1920, height: 1080 }),
      cand('https://a.org/small-portrait.jpg', { width: 270, height: 480 }),
      cand('https://a.org/portrait.jpg', { width: 1080, height: 1920 }),
      cand('https://a.org/square.jpg', { width: 1500, height: 1500 }),
    ];
    expect(order('city', list)).toEqual([
      'https://a.org/portrait.jpg',
      'https://a.org/square.jpg',
      'https://a.org/landscape.jpg',
      'https://a.org/small-portrait.jpg',
      'https://a.org/panorama.jpg',
    ]);
  });

  it('explains each part of the score', () => {
    const [best] = scoreCandidates('Eiffel tower at night', [cand('https://a.org/e.jpg', { width: 1080, height: 1920, title: 'The Eiffel Tower' })], TARGET);
    expect(best!.reasons).toEqual([
      '+30 1080×1920 covers 720×1280',
      '+20 aspect 0.56 keeps 100% in 9:16',
      '+20 title/page match 2/3 query words (eiffel, tower)',
      '+5 search rank 1',
    ]);
    expect(best!.score).toBe(75);
  });

  it('penalises images below the target size, more the smaller they are', () => {
    const [a, b] = scoreCandidates(
      'x',
      [cand('https://a.org/half.jpg', { width: 360, height: 640 }), cand('https://a.org/tiny.jpg', { width: 90, height: 160 })],
      TARGET,
    );
    expect(a!.url).toBe('https://a.org/half.jpg');
    expect(a!.reasons[0]).toBe('-20 360×640 is below 720×1280 (×2.00 upscale)');
    expect(b!.reasons[0]).toBe('-40 90×160 is below 720×1280 (×8.00 upscale)');
  });

  it('ranks known stock sites last, whatever else they have going for them', () => {
    const list = [
      cand('https://www.shutterstock.com/image-photo/eiffel-tower.jpg', { width: 4000, height: 7000, title: 'Eiffel tower' }),
      cand('https://media.gettyimages.com/id/1/photo/eiffel.jpg', { width: 4000, height: 7000, title: 'Eiffel tower' }),
      cand('https://cdn.example.org/p.jpg', { sourcePage: 'https://stock.adobe.com/images/eiffel/1', width: 4000, height: 7000 }),
      cand('https://t3.ftcdn.net/jpg/eiffel.jpg', { width: 4000, height: 7000 }),
      cand('https://blog.example.org/tiny.gif', { width: 100, height: 60 }),
      cand('https://c8.alamy.com/eiffel.jpg'),
      cand('https://www.vectorstock.com/x.jpg'),
    ];
    const ranked = scoreCandidates('eiffel tower', list, TARGET);
    expect(ranked[0]!.url).toBe('https://blog.example.org/tiny.gif');
    expect(ranked.slice(1).every((c) => c.reasons.some((r) => r.includes('stock photo site')))).toBe(true);
    expect(ranked[0]!.score).toBeLessThan(ranked[1]!.score + 200); // sanity: a real score, not a sentinel
  });

  it('knows the stock agencies by host or page, and nothing else', () => {
    for (const host of [
      'shutterstock.com',
      'gettyimages.co.uk',
      'www.istockphoto.com',
      'alamy.com',
      'thumbs.dreamstime.com',
      'previews.123rf.com',
      'st.depositphotos.com',
      'stock.adobe.com',
      'www.bigstockphoto.com',
      'cdn.vectorstock.com',
    ]) {
      expect(stockSite({ url: `https://${host}/a.jpg` }), host).not.toBeNull();
    }
    expect(stockSite({ url: 'https://img.example.org/a.jpg', sourcePage: 'https://www.istockphoto.com/photo/x' })).toBe('iStock');
    expect(stockSite({ url: 'https://notshutterstock.com/a.jpg' })).toBeNull();
    expect(stockSite({ url: 'https://adobe.com/a.jpg' })).toBeNull();
  });

  it('favours titles and pages that mention the query, ignoring case, accents and stop words', () => {
    const list = [
      cand('https://a.org/1.jpg', { title: 'Random holiday snaps' }),
      cand('https://a.org/2.jpg', { title: 'Panorama of SÃO PAULO' }),
      cand('https://a.org/3.jpg', { title: 'Skyline', sourcePage: 'https://news.example.org/sao-paulo-skyline-at-night' }),
    ];
    const ranked = scoreCandidates('the skyline of São Paulo at night', list, TARGET);
    expect(ranked.map((c) => c.url)).toEqual(['https://a.org/3.jpg', 'https://a.org/2.jpg', 'https://a.org/1.jpg']);
    expect(ranked[0]!.reasons).toContain('+30 title/page match 4/4 query words (skyline, sao, paulo, night)');
    expect(ranked[2]!.reasons).toContain('+0 title/page match none of 4 query words');
  });

  it('treats an unknown size as neutral: between a good and a poor known size', () => {
    const list = [
      cand('https://a.org/tiny.jpg', { width: 64, height: 64 }),
      cand('https://a.org/unknown.jpg'),
      cand('https://a.org/good.jpg', { width: 1080, height: 1920 }),
    ];
    expect(order('x', list)).toEqual(['https://a.org/good.jpg', 'https://a.org/unknown.jpg', 'https://a.org/tiny.jpg']);
    expect(scoreCandidates('x', [cand('https://a.org/u.jpg')], TARGET)[0]!.reasons).toContain('+0 size unknown');
  });

  it('prefers photos to SVG and GIF', () => {
    const list = [
      cand('https://a.org/logo.svg'),
      cand('https://a.org/anim.gif'),
      cand('https://a.org/photo.webp?x=1'),
      cand('https://a.org/img', { mime: 'image/svg+xml' }),
    ];
    expect(order('x', list)).toEqual(['https://a.org/photo.webp?x=1', 'https://a.org/anim.gif', 'https://a.org/logo.svg', 'https://a.org/img']);
  });

  it('is deterministic and keeps search order between equals', () => {
    const list = Array.from({ length: 20 }, (_, i) => cand(`https://a.org/${i}.jpg`, { width: 1080, height: 1920 }));
    expect(order('x', list)).toEqual(list.map((c) => c.url));
    expect(scoreCandidates('x', list, TARGET)).toEqual(scoreCandidates('x', list, TARGET));
  });

  it('keeps the candidate fields', () => {
    const c = cand('https://a.org/1.jpg', {
      title: 'T',
      sourcePage: 'https://a.org/',
      thumbnailUrl: 'https://a.org/t.jpg',
      width: 10,
      height: 20,
      mime: 'image/png',
    });
    expect(scoreCandidates('x', [c], TARGET)[0]).toMatchObject(c);
  });

  it('queryWords drops stop words, photo words and duplicates', () => {
    expect(queryWords('A photo of the Eiffel Tower, Paris — the tower at 1889')).toEqual(['eiffel', 'tower', 'paris', '1889']);
  });
});
