// Stateless session tokens: `<user id>.<expiry ms>.<hmac>`; the HMAC also covers a
// fingerprint of the password hash, so changing the password ends every session.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'chainwatch_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionClaims {
  userId: number;
  expiresAtMs: number;
}

function passwordFingerprint(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

function sign(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function createSessionToken(secret: Buffer, userId: number, passwordHash: string, nowMs: number): string {
  const payload = `${userId}.${nowMs + SESSION_TTL_MS}`;
  return `${payload}.${sign(secret, `${payload}.${passwordFingerprint(passwordHash)}`)}`;
}

/** The claims of a well-formed, unexpired token whose signature matches; else null. */
export function readSessionToken(token: string | undefined, nowMs: number): SessionClaims | null {
  if (!token) return null;
  const m = /^(\d{1,10})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const claims = { userId: Number(m[1]), expiresAtMs: Number(m[2]) };
  return claims.expiresAtMs > nowMs ? claims : null;
}

export function verifySessionSignature(secret: Buffer, token: string, passwordHash: string): boolean {
  const cut = token.lastIndexOf('.');
  const payload = token.slice(0, cut);
  const expected = Buffer.from(sign(secret, `${payload}.${passwordFingerprint(passwordHash)}`));
  const given = Buffer.from(token.slice(cut + 1));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
