// Who is logged in, for server components and route handlers.
import { cookies } from 'next/headers';
import type { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { sessionSecret } from '@/lib/auth/secret';
import { createSessionToken, readSessionToken, verifySessionSignature, SESSION_COOKIE, SESSION_TTL_MS } from '@/lib/auth/session-token';
import { ensureEnvUser, findUser, type User } from '@/lib/auth/users';

let adminFromEnv: Promise<void> | null = null;

/** Makes sure the account named by CHAINWATCH_ADMIN_* exists (once per process). */
export function ensureAdminFromEnv(): Promise<void> {
  adminFromEnv ??= ensureEnvUser(db()).catch((err) => {
    adminFromEnv = null;
    throw err;
  });
  return adminFromEnv;
}

export async function currentUser(): Promise<User | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const claims = readSessionToken(token, Date.now());
  if (!claims || !token) return null;
  const user = await findUser(db(), claims.userId);
  if (!user || !verifySessionSignature(sessionSecret(), token, user.passwordHash)) return null;
  return user;
}

/** Logs `user` in on this response: the signed session cookie, HTTP-only, Secure behind HTTPS. */
export function startSession(req: Request, res: NextResponse, user: User, nowMs: number): NextResponse {
  res.cookies.set(SESSION_COOKIE, createSessionToken(sessionSecret(), user.id, user.passwordHash, nowMs), {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.url.startsWith('https:') || req.headers.get('x-forwarded-proto') === 'https',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
  return res;
}
