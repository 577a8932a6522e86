// Issue #2's target: parse + model + analysis of a 100,000-VHD LVM SR scan in ≤ 150 ms, < 200 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatScanTree } from '../lib/vhd/scan-format';
import { syntheticScanNodes } from './synthetic-scan';

export function runScanBench(): Record<string, number> {
  const nodes = syntheticScanNodes(100_000, 2_000, 30);
  const text = formatScanTree(nodes);
  const file = join(mkdtempSync(join(tmpdir(), 'chainwatch-bench-')), 'scan.txt');
  writeFileSync(file, text);
  const runs = 5;
  const load = loadavg()[0];
  const cpus = availableParallelism();
  const worker = (count: number) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'scan-worker.ts'), file, String(count)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scan bench worker failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  // Memory: one analysis in a fresh process, as `chainwatch analyze` runs it. Time: the median
  // of several runs in another process (whose peak memory also holds the garbage of the earlier
  // runs, so it is shown apart).
  const single = worker(1);
  const result = worker(runs);
  console.log(`scan bench: ${nodes.length} VHDs in 2,000 trees, ${(text.length / 1e6).toFixed(1)} MB of text`);
  console.log(`  parse (median of ${runs})          ${result.parseMs.toFixed(1)} ms`);
  console.log(`  model + analysis (median)    ${result.modelMs.toFixed(1)} ms`);
  console.log(`  total (median)               ${result.totalMs.toFixed(1)} ms   target ≤ 150 ms (best ${result.bestTotalMs.toFixed(1)} ms)`);
  console.log(`  total CPU time (median)      ${result.cpuMs.toFixed(1)} ms   (best ${result.bestCpuMs.toFixed(1)} ms; every thread, GC included)`);
  console.log(`  JSON of that summary          ${result.jsonMs.toFixed(1)} ms, ${(result.jsonBytes / 1e6).toFixed(1)} MB   (not in the total: rows per leaf and snapshot names are made when read)`);
  console.log(`  one run in a fresh process   ${single.totalMs.toFixed(1)} ms (cold JIT)`);
  console.log(`  peak memory of one run       ${single.maxRssMb.toFixed(0)} MB   target < 200 MB (maxRSS of that process, Node and tsx included)`);
  console.log(`  peak memory after ${runs} runs     ${result.maxRssMb.toFixed(0)} MB   (the earlier runs' garbage not yet collected)`);
  console.log(`  load average before/after    ${load.toFixed(2)} / ${loadavg()[0].toFixed(2)} (${cpus} CPUs: wall times above the CPU times mean a busy machine)`);
  console.log(`  found: ${result.nodes} nodes, ${result.trees} trees, longest chain ${result.maxChainLength}`);
  return result;
}
