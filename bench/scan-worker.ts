// Runs in its own process so peak memory (maxRSS) is the parser's and the model's, not the generator's.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseScan } from '../lib/vhd/scan-parser';
import { recordsFromScan } from '../lib/chains/from-scan';
import { buildForest } from '../lib/chains/forest';
import { diagnose, summarizeForest } from '../lib/chains/summary';

const text = readFileSync(process.argv[2], 'utf8');
const runs = Number(process.argv[3] ?? 5);
const parseMs: number[] = [];
const modelMs: number[] = [];
let summary;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const scan = parseScan(text);
  const t1 = performance.now();
  const forest = buildForest(recordsFromScan(scan.nodes));
  summary = summarizeForest(forest, { tolerance: 1 });
  diagnose(summary);
  const t2 = performance.now();
  parseMs.push(t1 - t0);
  modelMs.push(t2 - t1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
process.stdout.write(
  JSON.stringify({
    parseMs: median(parseMs),
    modelMs: median(modelMs),
    firstRunMs: parseMs[0] + modelMs[0],
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    nodes: summary!.nodes,
    trees: summary!.trees,
    maxChainLength: summary!.maxChainLength,
  }),
);
