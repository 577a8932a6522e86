// `--format text`: a diagnosis a person can act on, then the evidence (tree, chains, GC timeline).
import type { Forest } from '../chains/types';
import { gcRoles } from '../chains/gc-roles';
import type { SmlogSummary } from '../vhd/smlog-summary';
import type { AnalyzeReport, ScanReport } from './analyze-report';
import { drawForest } from './tree-text';
import { printable } from '../printable';
import { formatBytes } from './format-units';

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'WARNING ', info: 'info    ' } as const;
const LISTED_CHAINS = 10;
const LISTED_DIAGNOSTICS = 10;
const LISTED_EVENTS = 60;

export function formatReportText(report: AnalyzeReport, forest: Forest | null): string {
  const out: string[] = [];
  if (report.scan) out.push(...scanSection(report.scan, forest));
  if (report.smlog) out.push(...(report.scan ? [''] : []), ...smlogSection(report.smlog));
  return out.join('\n') + '\n';
}

function scanSection(scan: ScanReport, forest: Forest | null): string[] {
  const out = [
    `VHD scan (${scan.format === 'tree' ? 'tree output, -p' : 'plain output'}, ${scan.scanLines} lines)`,
    `  ${scan.nodes} VHDs, ${scan.hiddenNodes} hidden (base copies), in ${scan.trees} ${scan.trees === 1 ? 'tree' : 'trees'}; longest chain ${scan.maxChainLength}` +
      (scan.deepestLeaves.length > 0 ? ` (${scan.deepestLeaves.slice(0, 3).map(printable).join(', ')})` : ''),
    `  GC work: ${scan.gc.garbage} garbage, ${scan.gc.coalesceable} coalesceable, ${scan.gc.leafCoalesceable} leaf-coalesceable; XO "VDIs to coalesce": ${scan.xoVdisToCoalesce}`,
  ];
  if (scan.truncatedLines > 0) {
    out.push(`  ${scan.truncatedLines} lines were cut at the right edge: their parents were taken from the tree indentation.`);
  }
  if (scan.malformedLines > 0) out.push(`  ${scan.malformedLines} lines could not be read (see below).`);

  out.push('', 'Findings');
  if (scan.findings.length === 0) out.push('  No problem found: every chain is short and the GC has nothing pending.');
  for (const f of scan.findings) out.push(`  ${SEVERITY_LABEL[f.severity]} ${printable(f.message)}`);

  out.push('', `Chains (longest first${scan.chains.length > LISTED_CHAINS ? `, ${LISTED_CHAINS} of ${scan.chains.length}` : ''})`);
  out.push('  length  hidden  size        leaf');
  for (const c of scan.chains.slice(0, LISTED_CHAINS)) {
    out.push(`  ${String(c.length).padStart(6)}  ${String(c.hidden).padStart(6)}  ${formatBytes(c.sizeBytes).padEnd(10)}  ${printable(c.leaf)}`);
  }

  if (forest) out.push('', 'Tree', ...drawForest(forest, gcRoles(forest)).map((l) => `  ${l}`));

  const problems = scan.diagnostics.filter((d) => d.kind !== 'truncated');
  if (problems.length > 0) {
    out.push('', 'Input problems');
    for (const d of problems.slice(0, LISTED_DIAGNOSTICS)) out.push(`  line ${d.line}: ${d.kind}: ${printable(d.message)}`);
    if (problems.length > LISTED_DIAGNOSTICS) out.push(`  … and ${problems.length - LISTED_DIAGNOSTICS} more`);
  }
  return out;
}

function smlogSection(smlog: SmlogSummary): string[] {
  const out = [
    `SMlog (${smlog.lines} lines, ${smlog.gcLines} from the garbage collector SMGC, GC ${smlog.gcPids.length === 1 ? 'process' : 'processes'} ${smlog.gcPids.join(', ') || 'none'})`,
    `  ${smlog.coalesceAttempts} coalesce ${smlog.coalesceAttempts === 1 ? 'attempt' : 'attempts'}, ${smlog.leafCoalesceCandidates} leaf-coalesce ${smlog.leafCoalesceCandidates === 1 ? 'candidate' : 'candidates'}, ${smlog.failures} ${smlog.failures === 1 ? 'failure' : 'failures'}`,
  ];
  const failures = smlog.events.filter((e) => e.failure);
  if (failures.length > 0) {
    out.push('', 'What went wrong');
    for (const e of failures.slice(0, LISTED_DIAGNOSTICS)) out.push(`  ${e.at.replace('T', ' ').slice(0, 19)}  [${e.pid}] ${printable(e.message)}`);
    if (failures.some((e) => e.kind === 'set-leaf-coalesce-offline' || e.kind === 'snapshot-coalesce-abandoned')) {
      out.push(
        '  → The VM writes faster than live leaf-coalesce can merge. Shut the VM down and rescan the SR',
        '    (offline coalesce), move the disk to a faster SR, or space the backups.',
      );
    }
  }
  const gcEvents = smlog.events.filter((e) => e.ident === 'SMGC');
  out.push('', `GC timeline${gcEvents.length > LISTED_EVENTS ? ` (last ${LISTED_EVENTS} of ${gcEvents.length})` : ''}`);
  for (const e of gcEvents.slice(-LISTED_EVENTS)) {
    out.push(`  ${e.at.replace('T', ' ').slice(0, 19)}  [${e.pid}] ${e.kind.padEnd(26)} ${printable(e.message.trim())}`);
  }
  return out;
}
