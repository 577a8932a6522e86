// DELETE /api/pools/[id]/hosts/[hostUuid]/host-key: forgets the host's pinned SSH key; the next
// SSH read pins the key the host shows then (after a reinstall, check it first: see the README).
import { db } from '@/lib/db/client';
import { badRequest, json, notFound, serverError, withUser } from '@/app/_server/http';
import { forgetHostKey } from '../../../../../_lib/host-keys';
import { poolIdParams } from '../../../../../_lib/schedules';
import { UUID_PATTERN } from '../../../../../_lib/sr-route';
import { z } from 'zod';

const paramsSchema = poolIdParams.extend({ hostUuid: z.string().regex(UUID_PATTERN, 'A host uuid is 32 hex digits in groups of 8-4-4-4-12.') });

export const DELETE = withUser(async (_req: Request, user, ctx: { params: Promise<{ id: string; hostUuid: string }> }) => {
  const params = paramsSchema.safeParse(await ctx.params);
  if (!params.success) return badRequest('Invalid request.', params.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const { id: poolId } = params.data;
  const hostUuid = params.data.hostUuid.toLowerCase();
  try {
    if (!(await forgetHostKey(db(), poolId, hostUuid))) return notFound('This pool has no host with this uuid.');
    console.info(`SSH host key of host ${hostUuid} (pool ${poolId}) forgotten by ${user.name}: the next SSH read pins a new one.`);
    return json({ forgotten: hostUuid });
  } catch (err) {
    console.error(`DELETE /api/pools/${poolId}/hosts/${hostUuid}/host-key:`, err);
    return serverError('Forgetting the host key failed: see the server log.');
  }
});
