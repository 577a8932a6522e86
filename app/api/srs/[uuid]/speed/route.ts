// GET /api/srs/[uuid]/speed?limit=20: coalesce speeds SM measured on the SR, newest first.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { listSpeedReadings } from '@/lib/db/read/speed-readings';
import { json } from '@/app/_server/http';
import { intParam, srRoute } from '../../../_lib/sr-route';

export const GET = srRoute(z.object({ limit: intParam(1, 200, 20) }), async (sr, q) =>
  json({ readings: await listSpeedReadings(db(), sr.id, q.limit) }),
);
