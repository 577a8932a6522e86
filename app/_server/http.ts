// Small response helpers and the one request parser every route handler uses.
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { currentUser } from './session';
import type { User } from '@/lib/auth/users';

export const json = (data: unknown, init?: ResponseInit) =>
  NextResponse.json(data, { ...init, headers: { 'Cache-Control': 'no-store', ...init?.headers } });
export const badRequest = (message: string, issues?: unknown) => json({ error: message, issues }, { status: 400 });
export const unauthorized = () => json({ error: 'Log in first.' }, { status: 401 });
export const forbidden = (message = 'Not allowed.') => json({ error: message }, { status: 403 });
export const notFound = (message = 'Not found.') => json({ error: message }, { status: 404 });
export const tooMany = (message: string) => json({ error: message }, { status: 429 });
export const serverError = (message: string) => json({ error: message }, { status: 500 });

type Parsed<T> = { ok: true; data: T } | { ok: false; response: NextResponse };

/** Validates the JSON body (POST) or the query string (GET) against a zod schema. */
export async function parseRequest<T extends z.ZodType>(req: Request, schema: T): Promise<Parsed<z.infer<T>>> {
  let input: unknown;
  if (req.method === 'GET' || req.method === 'HEAD') {
    input = Object.fromEntries(new URL(req.url).searchParams);
  } else {
    if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) {
      return { ok: false, response: badRequest('Send a JSON body (Content-Type: application/json).') };
    }
    try {
      input = await req.json();
    } catch {
      return { ok: false, response: badRequest('The body is not valid JSON.') };
    }
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { ok: false, response: badRequest('Invalid request.', issues) };
  }
  return { ok: true, data: result.data };
}

/** Same-origin check for state-changing requests (the session cookie is SameSite=Lax too). */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Runs the handler only for a logged-in user. */
export function withUser<A extends unknown[]>(
  handler: (req: Request, user: User, ...rest: A) => Promise<Response>,
): (req: Request, ...rest: A) => Promise<Response> {
  return async (req, ...rest) => {
    const user = await currentUser();
    if (!user) return unauthorized();
    if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req)) return forbidden('Cross-site request refused.');
    return handler(req, user, ...rest);
  };
}
