// GET /api/srs/[uuid]: one SR, its urgency, and its pool's collection facts and clock.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { srUrgency } from '@/lib/db/read/sr-urgency';
import { json, notFound } from '@/app/_server/http';
import { readPoolInfo } from '../../_lib/overview';
import { collectSettings } from '../../_lib/settings';
import { srRoute } from '../../_lib/sr-route';

export const GET = srRoute(z.object({}), async (sr) => {
  const pool = await readPoolInfo(db(), sr.poolId);
  if (!pool) return notFound('The pool of this SR is no longer watched.');
  return json({ ...collectSettings(), sr: { ...sr, urgency: srUrgency(sr) }, pool });
});
