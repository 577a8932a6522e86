// DELETE /api/pools/[id]/hosts/[hostUuid]/host-key: forgets the host's pinned SSH key; the next
// SSH read pins the key the host shows then (after a reinstall, check it first: see the README).
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { json, notFound } from '@/app/_server/http';
import { forgetHostKey } from '../../../../../_lib/host-keys';
import { poolRoute } from '../../../../../_lib/pool-route';
import { UUID_PATTERN } from '../../../../../_lib/sr-route';

const params = { hostUuid: z.string().regex(UUID_PATTERN, 'A host uuid is 32 hex digits in groups of 8-4-4-4-12.') };

export const DELETE = poolRoute({ params, failure: 'Forgetting the host key failed' }, async (poolId, _input, { hostUuid }, user) => {
  const uuid = hostUuid.toLowerCase();
  if (!(await forgetHostKey(db(), poolId, uuid))) return notFound('This pool has no host with this uuid.');
  console.info(`SSH host key of host ${uuid} (pool ${poolId}) forgotten by ${user.name}: the next SSH read pins a new one.`);
  return json({ forgotten: uuid });
});
