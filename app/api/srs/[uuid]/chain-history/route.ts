// GET /api/srs/[uuid]/chain-history?hours=24&leaves=12: chain length over time, leaves that moved most first.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { listChainHistory } from '@/lib/db/read/chain-history';
import { json } from '@/app/_server/http';
import { poolWindow } from '../../../_lib/pool-window';
import { intParam, srRoute } from '../../../_lib/sr-route';

export const GET = srRoute(z.object({ hours: intParam(1, 24 * 90, 24), leaves: intParam(1, 50, 12) }), async (sr, q) => {
  const { fromMs, toMs } = await poolWindow(db(), sr.poolId, q.hours);
  return json({ fromMs, toMs, ...(await listChainHistory(db(), sr, { fromMs, toMs }, q.leaves)) });
});
