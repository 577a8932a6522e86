// POST /api/analyze: the `chainwatch analyze` diagnosis of pasted `vhd-util scan` output and/or SMlog.
import { z } from 'zod';
import { buildReport } from '@/lib/cli/analyze-report';
import { formatReportCsv } from '@/lib/cli/report-csv';
import { XO_DEFAULT_TOLERANCE } from '@/lib/chains/xo-chain-rule';
import { badRequest, json, parseRequest, withUser } from '@/app/_server/http';
import { treeRows } from './tree-rows';

const MAX_TEXT_CHARS = 20 * 1024 * 1024;
/** JSON escaping at most doubles the text (`\n`, `\"`); anything bigger is refused before it is read. */
const MAX_BODY_BYTES = 2 * MAX_TEXT_CHARS + 64 * 1024;
/** Enough rows for any real SR; beyond it the tree is cut and the count says so. */
const MAX_TREE_ROWS = 5_000;

const schema = z.object({
  text: z
    .string()
    .min(1, 'Paste `vhd-util scan` output or SMlog lines, or choose a file.')
    .max(MAX_TEXT_CHARS, 'The text is over 20 MB: paste the part around the problem (a scan of one SR, or SMlog lines of a few days).'),
  tolerance: z.number().int().min(0).max(100).default(XO_DEFAULT_TOLERANCE),
  /** The day the log was read (syslog lines carry no year); default today. */
  referenceDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD.')
    .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a real date.')
    .optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const POST = withUser(async (req) => {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return json({ error: 'The text is over 20 MB: paste the part around the problem.' }, { status: 413 });
  }
  const parsed = await parseRequest(req, schema);
  if (!parsed.ok) return parsed.response;
  const { text, tolerance, referenceDate, format } = parsed.data;
  const referenceMs = referenceDate === undefined ? Date.now() : Date.parse(referenceDate);
  const { report, forest } = buildReport(text, { referenceMs, tolerance });
  if (!report.scan && !report.smlog) {
    return badRequest('No `vhd-util scan` lines (vhd=...) and no SMlog lines found: nothing to analyze.');
  }
  if (format === 'csv') {
    return new Response(formatReportCsv(report), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="chainwatch-report.csv"', 'Cache-Control': 'no-store' },
    });
  }
  return json({ report, tree: forest === null ? null : treeRows(forest, MAX_TREE_ROWS) });
});
