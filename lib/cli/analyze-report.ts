// The diagnosis `chainwatch analyze` prints: scan text → chain model → findings, and
// SMlog text → GC events. Pure: text and a reference time in, data out.
import { parseScan } from '../vhd/scan-parser';
import { parseSmlog } from '../vhd/smlog-parser';
import { summarizeSmlog } from '../vhd/smlog-summary';
import type { ScanDiagnostic } from '../vhd/types';
import { forestFromScan } from '../chains/scan-record-table';
import { diagnose, summarizeForest, type Finding, type ForestSummary } from '../chains/summary';
import type { Forest } from '../chains/types';

export interface ScanReport extends ForestSummary {
  format: 'tree' | 'flat';
  scanLines: number;
  malformedLines: number;
  truncatedLines: number;
  diagnostics: ScanDiagnostic[];
  findings: Finding[];
}

export interface AnalyzeReport {
  scan: ScanReport | null;
  smlog: ReturnType<typeof summarizeSmlog> | null;
}

export interface AnalyzeOptions {
  /** When the log was read: syslog lines carry no year. */
  referenceMs: number;
  /** XO's `maxUncoalescedVdis`. */
  tolerance: number;
}

/** The report (what `--format json` prints) and the forest (for the text renderer's tree). */
export function buildReport(text: string, opts: AnalyzeOptions): { report: AnalyzeReport; forest: Forest | null } {
  const scan = parseScan(text);
  let scanReport: ScanReport | null = null;
  let forest: Forest | null = null;
  if (scan.scanLines > 0) {
    forest = forestFromScan(scan);
    const summary = summarizeForest(forest, { tolerance: opts.tolerance });
    scanReport = {
      format: scan.format,
      scanLines: scan.scanLines,
      ...summary,
      malformedLines: scan.malformedLines,
      truncatedLines: scan.truncatedLines,
      diagnostics: scan.diagnostics,
      findings: diagnose(summary),
    };
  }
  const smlog = parseSmlog(text, { referenceMs: opts.referenceMs });
  return { report: { scan: scanReport, smlog: smlog.lines > 0 ? summarizeSmlog(smlog) : null }, forest };
}
