// Route handlers under /api/srs/[uuid]: login, a valid uuid, the query validated, the SR found.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { findSr, type SrSummary } from '@/lib/db/read/srs';
import type { User } from '@/lib/auth/users';
import { badRequest, notFound, parseRequest, serverError, withUser } from '@/app/_server/http';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const paramsSchema = z.object({ uuid: z.string().regex(UUID_PATTERN, 'An SR uuid is 32 hex digits in groups of 8-4-4-4-12.') });

export interface SrContext {
  params: Promise<{ uuid: string }>;
}

/** `?limit=` or `?hours=` as a whole number in range, with a default. */
export const intParam = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export function srRoute<T extends z.ZodType>(
  query: T,
  handler: (sr: SrSummary, q: z.infer<T>, user: User) => Promise<Response>,
): (req: Request, ctx: SrContext) => Promise<Response> {
  return withUser(async (req: Request, user: User, ctx: SrContext) => {
    const params = paramsSchema.safeParse(await ctx.params);
    if (!params.success) return badRequest('Invalid SR uuid.', params.error.issues.map((i) => ({ path: 'uuid', message: i.message })));
    const parsed = await parseRequest(req, query);
    if (!parsed.ok) return parsed.response;
    try {
      const sr = await findSr(db(), params.data.uuid.toLowerCase());
      if (!sr) return notFound('No watched pool has an SR with this uuid.');
      return await handler(sr, parsed.data, user);
    } catch (err) {
      console.error(`GET ${new URL(req.url).pathname}:`, err);
      return serverError('Reading the database failed: see the server log.');
    }
  });
}
