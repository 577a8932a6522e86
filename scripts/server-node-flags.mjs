// Node flags for the process that serves the dashboard and runs its collector (npm start),
// shared with the benchmark that measures that collector.
import { availableParallelism } from 'node:os';

/** V8's background threads by default, whatever the machine: Node starts 4. */
const NODE_DEFAULT_POOL = 4;

/**
 * V8 runs its background work (optimizing compiles, parts of the GC) on a pool of 4 threads
 * whatever the machine. On a small one they compete with the main thread that collects and
 * serves: on 2 cores, a full sync of 20,000 VDIs takes ~10 % less time with one (measured
 * side by side with bench/collector.ts). So: one per core beyond the first, at most Node's 4.
 * A `--v8-pool-size` already in NODE_OPTIONS is the operator's choice and is kept. The cores
 * are those the process may run on (its CPU affinity); a container's CPU quota is not seen,
 * so a container limited by quota alone should set the pool size in NODE_OPTIONS.
 */
export function serverNodeFlags(env = process.env, cores = availableParallelism()) {
  // Node reads `--v8_pool_size` as `--v8-pool-size`, with `=N` or N as the next word.
  const options = (env.NODE_OPTIONS ?? '').split(/\s+/);
  if (options.some((option) => /^--v8[-_]pool[-_]size(=|$)/.test(option))) return [];
  return [`--v8-pool-size=${Math.max(1, Math.min(NODE_DEFAULT_POOL, cores - 1))}`];
}
