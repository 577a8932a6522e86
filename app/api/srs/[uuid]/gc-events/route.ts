// GET /api/srs/[uuid]/gc-events?limit=100: what the SM garbage collector did on the SR, newest first.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { listGcEvents } from '@/lib/db/read/gc-events';
import { json } from '@/app/_server/http';
import { intParam, srRoute } from '../../../_lib/sr-route';

export const GET = srRoute(z.object({ limit: intParam(1, 500, 100) }), async (sr, q) =>
  json({ events: await listGcEvents(db(), { poolId: sr.poolId, srUuid: sr.uuid, limit: q.limit }) }),
);
