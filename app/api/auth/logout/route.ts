import { SESSION_COOKIE } from '@/lib/auth/session-token';
import { forbidden, json, sameOrigin } from '@/app/_server/http';

export async function POST(req: Request) {
  if (!sameOrigin(req)) return forbidden('Cross-site request refused.');
  const res = json({ ok: true });
  res.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
  return res;
}
