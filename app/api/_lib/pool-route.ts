// Route handlers under /api/pools/[id]: login, a valid pool id (and any further path
// parameters), the query or body validated, the pool found, failures logged and answered.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import type { User } from '@/lib/auth/users';
import { badRequest, notFound, parseRequest, serverError, withUser } from '@/app/_server/http';

const poolId = z.coerce.number().int().positive('A pool id is a positive whole number.');

interface PoolRouteSpec<T extends z.ZodType | undefined, E extends z.ZodRawShape> {
  /** The query (GET) or JSON body to validate; none for a request without one (DELETE). */
  input?: T;
  /** Path parameters after the pool id. */
  params?: E;
  /** What failed, for the answer when the database throws: "Saving the schedule failed". */
  failure: string;
}

type Input<T> = T extends z.ZodType ? z.infer<T> : undefined;

export function poolRoute<T extends z.ZodType | undefined = undefined, E extends z.ZodRawShape = Record<never, never>>(
  spec: PoolRouteSpec<T, E>,
  handler: (poolId: number, input: Input<T>, params: z.infer<z.ZodObject<E>>, user: User) => Promise<Response>,
): (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> {
  const paramsSchema = z.object({ id: poolId, ...(spec.params ?? {}) });
  return withUser(async (req: Request, user: User, ctx: { params: Promise<Record<string, string>> }) => {
    const params = paramsSchema.safeParse(await ctx.params);
    if (!params.success) {
      const onlyId = params.error.issues.every((i) => i.path[0] === 'id');
      return badRequest(onlyId ? 'Invalid pool id.' : 'Invalid request.', params.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    let input: unknown = undefined;
    if (spec.input !== undefined) {
      const parsed = await parseRequest(req, spec.input);
      if (!parsed.ok) return parsed.response;
      input = parsed.data;
    }
    const { id, ...rest } = params.data as { id: number } & Record<string, unknown>;
    try {
      const pool = await db().pool.findUnique({ where: { id }, select: { id: true } });
      if (!pool) return notFound('No watched pool has this id.');
      return await handler(id, input as Input<T>, rest as z.infer<z.ZodObject<E>>, user);
    } catch (err) {
      console.error(`${req.method} ${new URL(req.url).pathname}:`, err);
      return serverError(`${spec.failure}: see the server log.`);
    }
  });
}
