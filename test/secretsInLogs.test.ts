// Secrets never reach the logs: a child process logs at trace level while API keys (valid, wrong,
// malformed), session tokens and cookies, and provider keys (echoed back by failing services) pass through; we grep its output.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { geminiError, groqError, startFake } from './script/fakeServers.js';

const GEMINI = 'gem-SECRET-log-test-4f1e';
const GROQ = 'gsk_SECRET_log_test_9a2b';
const BAD = 'rf_abcdefgh_BADSECRETbadsecret0123456789abcd';
const gemini = await startFake(() => ({ status: 401, body: geminiError(401, `API key not valid: ${GEMINI}`) }));
const groq = await startFake(() => ({ status: 401, body: groqError(`Invalid API Key ${GROQ}`, 'invalid_request_error', { code: 'invalid_api_key' }) }));

afterAll(async () => {
  await Promise.all([gemini.close(), groq.close()]);
});

function runScenario(): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/logScenario.ts'], {
      env: {
        ...process.env,
        LOG_LEVEL: 'trace',
        GEMINI_API_KEY: GEMINI,
        GEMINI_BASE_URL: gemini.url,
        GROQ_API_KEY: GROQ,
        GROQ_BASE_URL: groq.url,
        BAD_KEY: BAD,
        VITEST: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, err, code });
    });
  });
}

describe('logs', () => {
  it('carry no API key or provider key, even at trace level and when services echo them', { timeout: 120_000 }, async () => {
    const { out, err, code } = await runScenario();
    expect(code, err).toBe(0);
    expect(err).toMatch(/SCENARIO script FAILED/);
    const userKey = /SCENARIO user key (\S+)/.exec(err)![1]!;
    const userSecret = userKey.split('_')[2]!;
    // The scenario did log plenty: requests, the failing writers, the failed script.
    expect(out.split('\n').length).toBeGreaterThan(10);
    expect(out).toMatch(/script writer failed/);
    const sessionToken = /SCENARIO session token (rfs_\S+)/.exec(err)![1]!;
    const cookieToken = /SCENARIO cookie token (rfs_\S+)/.exec(err)![1]!;
    for (const secret of [GEMINI, GROQ, BAD, BAD.split('_')[2]!, userKey, userSecret, sessionToken, sessionToken.slice(4), cookieToken, cookieToken.slice(4)])
      expect(out).not.toContain(secret);
  });
});
