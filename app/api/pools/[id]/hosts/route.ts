// GET /api/pools/[id]/hosts: the pool's hosts and the SSH host key pinned for each.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { json } from '@/app/_server/http';
import { readHostKeys } from '../../../_lib/host-keys';
import { poolRoute } from '../../../_lib/pool-route';

export const GET = poolRoute({ input: z.object({}), failure: 'Reading the hosts failed' }, async (poolId) =>
  json({ hosts: await readHostKeys(db(), poolId) }),
);
