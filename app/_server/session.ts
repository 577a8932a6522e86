// Who is logged in, for server components and route handlers.
import { cookies } from 'next/headers';
import { db } from '@/lib/db/client';
import { sessionSecret } from '@/lib/auth/secret';
import { readSessionToken, verifySessionSignature, SESSION_COOKIE } from '@/lib/auth/session-token';
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
