import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';
import { createSessionToken, readSessionToken, verifySessionSignature, SESSION_TTL_MS } from './session-token';
import { LoginThrottle } from './login-throttle';

const secret = Buffer.from('x'.repeat(48));

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$a$b$c$d$e')).toBe(false);
  });
});

describe('session tokens', () => {
  const now = Date.UTC(2026, 10, 22, 3, 0);
  const token = createSessionToken(secret, 7, 'hash-1', now);

  it('carries the user and an expiry', () => {
    expect(readSessionToken(token, now)).toEqual({ userId: 7, expiresAtMs: now + SESSION_TTL_MS });
    expect(verifySessionSignature(secret, token, 'hash-1')).toBe(true);
  });

  it('expires', () => {
    expect(readSessionToken(token, now + SESSION_TTL_MS)).toBeNull();
  });

  it('is void after a password change, a forged user id or another secret', () => {
    expect(verifySessionSignature(secret, token, 'hash-2')).toBe(false);
    expect(verifySessionSignature(secret, token.replace(/^7\./, '8.'), 'hash-1')).toBe(false);
    expect(verifySessionSignature(Buffer.from('y'.repeat(48)), token, 'hash-1')).toBe(false);
  });

  it('rejects garbage', () => {
    for (const bad of ['', 'a.b.c', '1.2', `1.${now + 1000}.short`, '<script>']) {
      expect(readSessionToken(bad, now)).toBeNull();
    }
  });
});

describe('login throttle', () => {
  it('blocks after 5 failures within 15 minutes, per key, and forgets after the window', () => {
    const t = new LoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) t.recordFailure('ip|admin', t0 + i);
    expect(t.isBlocked('ip|admin', t0 + 10)).toBe(true);
    expect(t.isBlocked('ip|other', t0 + 10)).toBe(false);
    expect(t.isBlocked('ip|admin', t0 + 15 * 60 * 1000 + 10)).toBe(false);
    t.reset('ip|admin');
    expect(t.isBlocked('ip|admin', t0 + 10)).toBe(false);
  });
});
