// GET /api/srs/[uuid]/samples?hours=24: the SR's aggregates over time and the collection gaps in that window.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { collectionGaps } from '@/lib/db/read/collection-gaps';
import { listCollectionRuns } from '@/lib/db/read/collection-runs';
import { listSrSamples } from '@/lib/db/read/sr-samples';
import { json } from '@/app/_server/http';
import { poolWindow } from '../../../_lib/pool-window';
import { intParam, srRoute } from '../../../_lib/sr-route';

/** A day of one-minute samples fits; longer windows read downsampled buckets. */
const MAX_POINTS = 5_000;

export const GET = srRoute(z.object({ hours: intParam(1, 24 * 90, 24) }), async (sr, q) => {
  const { fromMs, toMs, maxSilenceMs } = await poolWindow(db(), sr.poolId, q.hours);
  const [points, runs] = await Promise.all([
    listSrSamples(db(), sr.id, { fromMs, toMs }, MAX_POINTS),
    listCollectionRuns(db(), sr.poolId, { fromMs: fromMs - maxSilenceMs, toMs }, 4 * MAX_POINTS),
  ]);
  return json({ fromMs, toMs, maxSilenceMs, points, gaps: collectionGaps(runs, { toMs, maxSilenceMs }) });
});
