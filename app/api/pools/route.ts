// GET /api/pools: every watched pool with its SRs, most urgent first (the overview and the header).
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { json, parseRequest, serverError, withUser } from '@/app/_server/http';
import { readOverview } from '../_lib/overview';
import { collectSettings } from '../_lib/settings';

const query = z.object({});

export const GET = withUser(async (req) => {
  const parsed = await parseRequest(req, query);
  if (!parsed.ok) return parsed.response;
  try {
    return json({ ...collectSettings(), pools: await readOverview(db()) });
  } catch (err) {
    console.error('GET /api/pools:', err);
    return serverError('Reading the database failed: see the server log.');
  }
});
