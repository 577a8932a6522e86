// GET /api/srs/[uuid]/chains.csv: the chains table as a spreadsheet (names defused, see lib/export/csv).
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { listSrChains } from '@/lib/db/read/chains';
import { attachment, chainsCsv } from '../../../_lib/chains-export';
import { srRoute } from '../../../_lib/sr-route';

export const GET = srRoute(z.object({}), async (sr) => {
  const chains = await listSrChains(db(), sr);
  return new Response(chainsCsv(sr, chains), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`chains-${sr.uuid}.csv`),
      'Cache-Control': 'no-store',
    },
  });
});
