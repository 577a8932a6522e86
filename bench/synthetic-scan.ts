// A synthetic LVM SR as `vhd-util scan -p` prints it: `trees` VDI trees, chains up to
// `maxDepth` deep, snapshot leaves hanging off base copies, realistic sizes. Deterministic.
import type { ScanPrintNode } from '../lib/vhd/scan-format';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(rand: () => number): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

export function syntheticScanNodes(totalVhds: number, trees: number, maxDepth: number, seed = 42): ScanPrintNode[] {
  const rand = prng(seed);
  const nodes: ScanPrintNode[] = [];
  const perTree = Math.floor(totalVhds / trees);
  for (let t = 0; t < trees; t++) {
    const budget = t === trees - 1 ? totalVhds - nodes.length : perTree;
    const capacityBytes = [20, 50, 100, 500][Math.floor(rand() * 4)] * GiB;
    // A spine of base copies, each carrying snapshot leaves, until the budget is spent.
    const depth = Math.min(maxDepth - 1, Math.max(1, Math.floor(budget / 2)));
    let parentName: string | null = null;
    let used = 0;
    for (let d = 0; d < depth && used < budget - 1; d++) {
      const name = `VHD-${uuid(rand)}`;
      const sizeBytes = d === 0 ? Math.floor(capacityBytes * (0.2 + rand() * 0.5)) : Math.floor((10 + rand() * 2000) * MiB);
      nodes.push({ name, capacityBytes, sizeBytes, hidden: true, parentName });
      used++;
      parentName = name;
      const snapshots = d === depth - 1 ? 0 : Math.min(budget - 1 - used, Math.ceil((budget - depth) / depth));
      for (let s = 0; s < snapshots; s++) {
        nodes.push({ name: `VHD-${uuid(rand)}`, capacityBytes, sizeBytes: 8 * MiB, hidden: false, parentName: name });
        used++;
      }
    }
    while (used < budget) {
      nodes.push({ name: `VHD-${uuid(rand)}`, capacityBytes, sizeBytes: Math.floor((50 + rand() * 4000) * MiB), hidden: false, parentName });
      used++;
    }
  }
  return nodes;
}
