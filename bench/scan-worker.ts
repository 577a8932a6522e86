// Runs in its own process so peak memory (maxRSS) is the parser's and the model's, not the generator's.
// Wall time and this process's CPU time (all its threads, the GC's included) are both reported:
// the machine may be shared, and CPU time is what the work itself cost.
// argv: file, timed runs, warm-up runs (run first, reported apart: the engine compiles the hot
// code during the first runs, as it does in the collector's first collections).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseScan } from '../lib/vhd/scan-parser';
import { forestFromScan } from '../lib/chains/scan-record-table';
import { diagnose, summarizeForest } from '../lib/chains/summary';

const text = readFileSync(process.argv[2], 'utf8');
const timedRuns = Number(process.argv[3] ?? 5);
const warmupRuns = Number(process.argv[4] ?? 0);
const runs = warmupRuns + timedRuns;
const parseMs: number[] = [];
const modelMs: number[] = [];
const totalCpuMs: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
let summary;
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const scan = parseScan(text);
  const t1 = performance.now();
  const forest = forestFromScan(scan);
  summary = summarizeForest(forest, { tolerance: 1 });
  diagnose(summary);
  const t2 = performance.now();
  totalCpuMs.push(cpuMs(c0));
  parseMs.push(t1 - t0);
  modelMs.push(t2 - t1);
}
// What `chainwatch analyze --format json` adds on top: the per-leaf rows and the names the
// summary makes when read, and the text itself. Timed once, apart from the analysis.
const t3 = performance.now();
const jsonBytes = JSON.stringify(summary).length;
const jsonMs = performance.now() - t3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const allTotals = parseMs.map((ms, i) => ms + modelMs[i]);
const warmupTotals = allTotals.slice(0, warmupRuns);
for (const xs of [parseMs, modelMs, totalCpuMs]) xs.splice(0, warmupRuns);
const totals = allTotals.slice(warmupRuns);
process.stdout.write(
  JSON.stringify({
    parseMs: median(parseMs),
    modelMs: median(modelMs),
    totalMs: median(totals),
    bestTotalMs: Math.min(...totals),
    cpuMs: median(totalCpuMs),
    bestCpuMs: Math.min(...totalCpuMs),
    firstRunMs: allTotals[0],
    warmupMs: warmupTotals,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    jsonMs,
    jsonBytes,
    nodes: summary!.nodes,
    trees: summary!.trees,
    maxChainLength: summary!.maxChainLength,
  }),
);
