// First run: the first visitor creates the administrator account, once.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { createFirstUser } from '@/lib/auth/users';
import { ensureAdminFromEnv, startSession } from '@/app/_server/session';
import { forbidden, json, parseRequest, sameOrigin } from '@/app/_server/http';

const schema = z.object({
  name: z.string().trim().min(1).max(100).regex(/^[\w.@-]+$/, 'Use letters, digits, and . _ @ -'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters.`).max(1000),
});

export async function POST(req: Request) {
  if (!sameOrigin(req)) return forbidden('Cross-site request refused.');
  const parsed = await parseRequest(req, schema);
  if (!parsed.ok) return parsed.response;
  await ensureAdminFromEnv();
  const user = await createFirstUser(db(), parsed.data.name, parsed.data.password);
  if (!user) return forbidden('An account already exists: log in instead.');
  // The new administrator is logged in at once: no second typing of the password just chosen.
  return startSession(req, json({ ok: true, name: user.name }), user, Date.now());
}
