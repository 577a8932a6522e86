import { describe, expect, it } from 'vitest';
import { classifyXapiError, redactUrl } from './xapi-error';

const url = 'https://root:hunter2@10.0.0.1:443';

describe('classifyXapiError', () => {
  it('turns XAPI codes into sentences that name the pool and never the password', () => {
    const auth = classifyXapiError({ code: 'SESSION_AUTHENTICATION_FAILED', params: ['root', 'hunter2'] }, 'prod', url);
    expect(auth).toMatchObject({ kind: 'auth', message: 'XAPI login failed for pool prod: check the user and password' });
    const slave = classifyXapiError({ code: 'HOST_IS_SLAVE', params: ['10.0.0.2'] }, 'prod', url);
    expect(slave).toMatchObject({ kind: 'host-is-slave', params: ['10.0.0.2'] });
    expect(slave.message).toBe('Pool prod: https://10.0.0.1:443 is not the pool master (the master is now 10.0.0.2)');
    expect(classifyXapiError({ code: 'EVENTS_LOST', params: [] }, 'prod', url).kind).toBe('events-lost');
    expect(classifyXapiError({ code: 'SESSION_INVALID', params: [] }, 'prod', url).kind).toBe('session-invalid');
  });

  it('recognises timeouts, unreachable hosts and other errors', () => {
    const timeout = Object.assign(new Error('operation timed out'), { name: 'TimeoutError' });
    expect(classifyXapiError(timeout, 'prod', url).kind).toBe('timeout');
    const refused = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const down = classifyXapiError(refused, 'prod', url);
    expect(down).toMatchObject({ kind: 'unreachable', message: 'Pool prod: cannot reach XAPI at https://10.0.0.1:443 (ECONNREFUSED)' });
    expect(classifyXapiError({ code: 'VDI_MISSING', params: ['x'] }, 'prod', url).message).toBe('Pool prod: XAPI error VDI_MISSING(x)');
  });

  it('strips credentials from URLs', () => {
    expect(redactUrl(url)).toBe('https://10.0.0.1:443');
    expect(redactUrl('root:pw@10.0.0.1')).toBe('10.0.0.1');
    expect(redactUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    // A password holding @ or / leaves nothing of itself behind.
    expect(redactUrl('https://root:p@ss@10.0.0.1')).toBe('https://10.0.0.1');
    expect(redactUrl('root:a/b@10.0.0.1:99999')).toBe('10.0.0.1:99999');
    expect(redactUrl('https://root:a/b@10.0.0.1')).toBe('https://10.0.0.1');
  });
});

describe('classifyXapiError on database errors', () => {
  it('says the database failed, not XAPI', () => {
    const prisma = Object.assign(new Error('Invalid call:\n\nUNIQUE constraint failed: SrSample.srId'), { code: 'P2010', clientVersion: '6.19.3' });
    expect(classifyXapiError(prisma, 'prod', url).message).toBe('Pool prod: cannot store the collection (UNIQUE constraint failed: SrSample.srId)');
  });
});
