// GET /api/srs/[uuid]/chains.json: the SR and its chains as a file.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { listSrChains } from '@/lib/db/read/chains';
import { json } from '@/app/_server/http';
import { attachment } from '../../../_lib/chains-export';
import { srRoute } from '../../../_lib/sr-route';

export const GET = srRoute(z.object({}), async (sr) => {
  const chains = await listSrChains(db(), sr);
  const body = { exportedAt: new Date().toISOString(), sr, chains };
  return json(body, { headers: { 'Content-Disposition': attachment(`chains-${sr.uuid}.json`) } });
});
