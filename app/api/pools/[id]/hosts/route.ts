// GET /api/pools/[id]/hosts: the pool's hosts and the SSH host key pinned for each.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { badRequest, json, notFound, parseRequest, serverError, withUser } from '@/app/_server/http';
import { readHostKeys } from '../../../_lib/host-keys';
import { poolIdParams } from '../../../_lib/schedules';

export const GET = withUser(async (req: Request, _user, ctx: { params: Promise<{ id: string }> }) => {
  const params = poolIdParams.safeParse(await ctx.params);
  if (!params.success) return badRequest('Invalid pool id.', params.error.issues.map((i) => ({ path: 'id', message: i.message })));
  const parsed = await parseRequest(req, z.object({}));
  if (!parsed.ok) return parsed.response;
  try {
    const pool = await db().pool.findUnique({ where: { id: params.data.id }, select: { id: true } });
    if (!pool) return notFound('No watched pool has this id.');
    return json({ hosts: await readHostKeys(db(), params.data.id) });
  } catch (err) {
    console.error(`GET /api/pools/${params.data.id}/hosts:`, err);
    return serverError('Reading the hosts failed: see the server log.');
  }
});
