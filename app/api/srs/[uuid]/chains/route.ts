// GET /api/srs/[uuid]/chains: every chain of the SR as it stands.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { listSrChains } from '@/lib/db/read/chains';
import { json } from '@/app/_server/http';
import { srRoute } from '../../../_lib/sr-route';

export const GET = srRoute(z.object({}), async (sr) => json({ chains: await listSrChains(db(), sr) }));
