import { describe, expect, it } from 'vitest';
import { assertValidKey, cacheControlFor, InvalidStorageKeyError, mimeForKey, storageKeys } from '../../src/render/storage/storage.js';

describe('storageKeys', () => {
  it('builds the folder layout', () => {
    expect(storageKeys.sceneFile('p1', 's_2', 'c-3', 'voice-ab12.wav')).toBe('projects/p1/scripts/s_2/scenes/c-3/voice-ab12.wav');
    expect(storageKeys.renderFile('r9', 'reel.mp4')).toBe('renders/r9/reel.mp4');
    expect(storageKeys.segment('owner-1', '0123abcdef')).toBe('segments/owner-1/0123abcdef.mp4');
    expect(storageKeys.segmentSubtitles('owner-1', '0123abcdef')).toBe('segments/owner-1/0123abcdef.ass');
    expect(storageKeys.publicReelFile('t0k3n', 'reel.mp4')).toBe('public/reels/t0k3n/reel.mp4');
  });

  it('refuses parts that would change the folder', () => {
    expect(() => storageKeys.sceneFile('p1/..', 's', 'c', 'a.wav')).toThrow(InvalidStorageKeyError);
    expect(() => storageKeys.sceneFile('p', 's', 'c/d', 'a.wav')).toThrow(/Invalid sceneId "c\/d"/);
    expect(() => storageKeys.renderFile('r', '../reel.mp4')).toThrow(/Invalid file name/);
    expect(() => storageKeys.renderFile('r', '..')).toThrow(InvalidStorageKeyError);
    expect(() => storageKeys.renderFile('', 'reel.mp4')).toThrow(/Invalid renderId/);
    expect(() => storageKeys.segment('o', 'ab.cd')).toThrow(/Invalid segment name/);
    expect(() => storageKeys.segment('o/..', 'abcd')).toThrow(/Invalid ownerId/);
    expect(() => storageKeys.publicReelFile('../x', 'reel.mp4')).toThrow(/Invalid public token/);
  });
});

describe('assertValidKey', () => {
  it('accepts ordinary keys, including dots inside names', () => {
    for (const key of ['a', 'segments/x.mp4', 'renders/r/reel.v2.mp4', 'a/b-c/d_e/f..g']) expect(assertValidKey(key)).toBe(key);
  });

  it.each([
    ['..', /"\.\." path segment/],
    ['a/../b', /"\.\." path segment/],
    ['a/./b', /"\." path segment/],
    ['/a', /must not start with "\/"/],
    ['a/', /must not end with "\/"/],
    ['a//b', /empty path segment/],
    ['a b', /only letters, digits/],
    ['a%2e', /only letters, digits/],
    ['', /empty/],
    ['x'.repeat(1025), /longer than 1024/],
  ])('rejects %j saying why', (key, why) => {
    expect(() => assertValidKey(key)).toThrow(InvalidStorageKeyError);
    expect(() => assertValidKey(key)).toThrow(why);
  });
});

describe('content types and caching', () => {
  it.each([
    ['renders/r/reel.mp4', 'video/mp4'],
    ['x/thumb.JPG', 'image/jpeg'],
    ['x/image.png', 'image/png'],
    ['x/voice.wav', 'audio/wav'],
    ['x/voice.m4a', 'audio/mp4'],
    ['x/subs.ass', 'text/x-ssa; charset=utf-8'],
    ['x/meta.json', 'application/json; charset=utf-8'],
    ['x/noext', 'application/octet-stream'],
    ['x/.hidden', 'application/octet-stream'],
  ])('%s → %s', (key, mime) => {
    expect(mimeForKey(key)).toBe(mime);
  });

  it('caches public copies everywhere for a year, private files only in the browser, project files revalidated', () => {
    expect(cacheControlFor('public/reels/t/reel.mp4')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('segments/o/abc.mp4')).toBe('private, max-age=31536000, immutable');
    expect(cacheControlFor('renders/r/reel.mp4')).toBe('private, max-age=31536000, immutable');
    expect(cacheControlFor('projects/p/scripts/s/scenes/c/image.png')).toBe('private, no-cache');
    expect(cacheControlFor('publicity/x.mp4')).toBe('private, no-cache'); // only the public/ folder is public
  });
});
