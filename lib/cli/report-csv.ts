// `--format csv`: one table, one row per chain (section "chain") and per SMlog event
// (section "event"), so it opens as is in a spreadsheet.
import type { AnalyzeReport } from './analyze-report';
import { csvLine } from '../export/csv';

const HEADER = ['section', 'leaf', 'length', 'hidden', 'sizeBytes', 'at', 'host', 'pid', 'kind', 'vdis', 'message'];

export function formatReportCsv(report: AnalyzeReport): string {
  let out = csvLine(HEADER);
  for (const c of report.scan?.chains ?? []) {
    out += csvLine(['chain', c.leaf, c.length, c.hidden, c.sizeBytes, null, null, null, null, null, null]);
  }
  for (const e of report.smlog?.events ?? []) {
    const vdis = e.vdis.map((v) => `${v.hidden ? '*' : ''}${v.uuidPrefix}`).join(' ');
    out += csvLine(['event', null, null, null, null, e.at, e.host, e.pid, e.kind, vdis, e.message]);
  }
  return out;
}
