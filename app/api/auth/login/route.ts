import { z } from 'zod';
import { db } from '@/lib/db/client';
import { checkLogin } from '@/lib/auth/users';
import { LoginThrottle } from '@/lib/auth/login-throttle';
import { ensureAdminFromEnv, startSession } from '@/app/_server/session';
import { forbidden, json, parseRequest, sameOrigin, tooMany, unauthorized } from '@/app/_server/http';

const throttle = new LoginThrottle();
const schema = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

export async function POST(req: Request) {
  if (!sameOrigin(req)) return forbidden('Cross-site request refused.');
  const parsed = await parseRequest(req, schema);
  if (!parsed.ok) return parsed.response;
  await ensureAdminFromEnv();
  const { name, password } = parsed.data;
  const key = `${req.headers.get('x-forwarded-for') ?? 'local'}|${name}`;
  const now = Date.now();
  if (throttle.isBlocked(key, now)) return tooMany('Too many failed logins: wait 15 minutes and try again.');
  const user = await checkLogin(db(), name, password);
  if (!user) {
    throttle.recordFailure(key, now);
    return unauthorized();
  }
  throttle.reset(key);
  return startSession(req, json({ ok: true, name: user.name }), user, now);
}
