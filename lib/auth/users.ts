// Dashboard accounts. The first account comes from CHAINWATCH_ADMIN_USER/PASSWORD, or from
// the first-run page when the database has none.
import type { Db } from '../db/client';
import { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './password';

export interface User {
  id: number;
  name: string;
  passwordHash: string;
}

export async function userCount(db: Db): Promise<number> {
  return db.user.count();
}

/** Creates or updates the account named by the environment, so a fresh start has a login. */
export async function ensureEnvUser(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const name = env.CHAINWATCH_ADMIN_USER || 'admin';
  const password = env.CHAINWATCH_ADMIN_PASSWORD;
  if (!password) return;
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`CHAINWATCH_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const existing = await db.user.findUnique({ where: { name } });
  if (existing && (await verifyPassword(password, existing.passwordHash))) return;
  const passwordHash = await hashPassword(password);
  await db.user.upsert({ where: { name }, create: { name, passwordHash }, update: { passwordHash } });
}

/** First-run account creation: only while no account exists. */
export async function createFirstUser(db: Db, name: string, password: string): Promise<User | null> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    return tx.user.create({ data: { name, passwordHash } });
  });
}

/** The account for these credentials, or null. Takes the same time whether or not the name exists. */
export async function checkLogin(db: Db, name: string, password: string): Promise<User | null> {
  const user = await db.user.findUnique({ where: { name } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  return user && ok ? user : null;
}

const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function findUser(db: Db, id: number): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}
