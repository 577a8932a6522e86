// GET /api/pools/[id]/forecast: per VM, will XO's next backup run or be skipped; per SR, how fast its GC clears the backlog.
// With ?sr=<uuid>: that SR's share alone (its speed, backlog, oscillating and pinned chains), for its page
// (XAPI writes uuids in lower case, and so they are stored).
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { json, notFound } from '@/app/_server/http';
import { poolRoute } from '../../../_lib/pool-route';
import { UUID_PATTERN } from '../../../_lib/sr-route';
import { forecastCache } from './forecast-cache';
import { srForecast } from './forecast-scope';
import { readPoolForecast } from './forecast-view';

const query = z.object({ sr: z.string().regex(UUID_PATTERN, 'An SR uuid is 32 hex digits in groups of 8-4-4-4-12.').optional() });

export const GET = poolRoute({ input: query, failure: 'Computing the forecast failed' }, async (poolId, { sr }) => {
  const forecast = await forecastCache.get(poolId, () => readPoolForecast(db(), poolId, Date.now()));
  if (forecast === null) return notFound('No watched pool has this id.');
  return json(sr === undefined ? forecast : srForecast(forecast, sr.toLowerCase()));
});
