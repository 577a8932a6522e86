import { describe, expect, it } from 'vitest';
import type { XapiConnectOptions, XapiSession } from '../xapi/session';
import { XapiFailure } from '../xapi/xapi-error';
import { candidateUrls, openFirstReachable, urlWithHost } from './xapi-connection';

const base: XapiConnectOptions = { poolName: 'p', url: '', user: 'root', password: 'pw', callTimeoutMs: 1000, eventWaitMs: 1000 };

describe('candidateUrls', () => {
  it('tries the redirected master first, then the configured URL, then known hosts', () => {
    expect(candidateUrls('http://127.0.0.1:8080', '127.0.0.2', ['127.0.0.1', '127.0.0.3'])).toEqual([
      'http://127.0.0.2:8080',
      'http://127.0.0.1:8080',
      'http://127.0.0.3:8080',
    ]);
    expect(urlWithHost('xcp.example', '10.0.0.5')).toBe('https://10.0.0.5');
  });
});

describe('openFirstReachable', () => {
  const session = { poolRef: 'OpaqueRef:p' } as XapiSession;

  it('moves on past unreachable hosts', async () => {
    const tried: string[] = [];
    const opened = await openFirstReachable(
      async (options) => {
        tried.push(options.url);
        if (options.url.includes('.1')) throw new XapiFailure('unreachable', 'down');
        return session;
      },
      base,
      ['http://127.0.0.1', 'http://127.0.0.2'],
    );
    expect(opened).toBe(session);
    expect(tried).toEqual(['http://127.0.0.1', 'http://127.0.0.2']);
  });

  it('stops at a login failure and otherwise reports the first error', async () => {
    const auth = new XapiFailure('auth', 'XAPI login failed for pool p: check the user and password');
    await expect(openFirstReachable(async () => Promise.reject(auth), base, ['a', 'b'])).rejects.toBe(auth);
    const down = new XapiFailure('unreachable', 'first');
    let calls = 0;
    const failing = async () => Promise.reject(calls++ === 0 ? down : new XapiFailure('timeout', 'second'));
    await expect(openFirstReachable(failing, base, ['a', 'b'])).rejects.toBe(down);
  });
});
