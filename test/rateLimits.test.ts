// Queue rate limits (BullMQ's limiter, counted in Redis): a burst waits instead of hitting a quota.
import { describe, expect, it } from 'vitest';

process.env.SCRIPT_RATE_LIMIT = '2/1500ms';
const { parseEnv } = await import('../src/config.js');
const { parseLimit, limitFor } = await import('../src/jobs/rateLimits.js');
const { createUser, gqlOk } = await import('./helpers.js');
const { closeRenderInfra, startWorkers } = await import('./renderHelpers.js');
const { getQueue } = await import('../src/jobs/queues.js');

describe('rate limit settings', () => {
  it('parses windows and refuses malformed values by name', () => {
    expect(parseLimit('30/60s')).toEqual({ max: 30, duration: 60_000 });
    expect(parseLimit('5/2m')).toEqual({ max: 5, duration: 120_000 });
    expect(parseLimit('none')).toBeNull();
    expect(() => parseEnv({ VOICE_RATE_LIMIT: '30 per minute' })).toThrow(/VOICE_RATE_LIMIT: must be <jobs>\/<window>/);
    expect(() => parseEnv({ MEDIA_RATE_LIMIT: '0/1s' })).toThrow(/MEDIA_RATE_LIMIT/);
    expect(limitFor('script')).toEqual({ max: 2, duration: 1_500 });
    // Compose runs only local work: never limited.
    expect(limitFor('compose')).toBeUndefined();
  });
});

describe('a burst of script jobs', () => {
  it('runs at most 2 per 1.5 s window across the queue', { timeout: 30_000 }, async () => {
    const user = await createUser('burst');
    const p = await gqlOk(`mutation { createProject(input: { title: "Burst" }) { ... on CreateProjectSuccess { data { id } } } }`, {}, user.key);
    const workers = startWorkers(['script']);
    try {
      for (let i = 0; i < 5; i++) {
        await gqlOk(
          `mutation($input: GenerateScriptInput!) { generateScript(input: $input) { __typename } }`,
          { input: { projectId: p.createProject.data.id, prompt: `Story ${i}. It has two sentences.` } },
          user.key,
        );
      }
      const queue = getQueue('script');
      for (let i = 0; i < 200 && ((await queue.getJobCounts('completed')).completed ?? 0) < 5; i++) await new Promise((r) => setTimeout(r, 50));
      const jobs = await queue.getJobs(['completed']);
      const started = jobs.map((j) => j.processedOn!).sort((a, b) => a - b);
      expect(started).toHaveLength(5);
      // Jobs 3 and 5 had to wait for the next windows.
      expect(started[2]! - started[0]!).toBeGreaterThanOrEqual(1_400);
      expect(started[4]! - started[0]!).toBeGreaterThanOrEqual(2_900);
    } finally {
      await closeRenderInfra(workers);
    }
  });
});
