/**
 * Test factories for the chain model (used by tests only).
 *
 * `treeRecords` reads an indented outline, two spaces per level:
 *
 *     *base            hidden (a base copy: managed=false)
 *       snap size=8M   a visible leaf of 8 MiB
 *       *base2
 *         leaf snapshot leafCoalesce=false
 *
 * Flags after the name: `size=<n>[K|M|G]`, `virtual=<n>[K|M|G]`, `snapshot`, `managed`,
 * `unmanaged`, `leafCoalesce=<v>`, `parent=<id>` (overrides the outline, for broken data).
 */
import { uuidFromName } from '../vhd/vhd-name';
import type { VhdNode } from '../vhd/types';
import type { VhdRecord } from './types';

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

function bytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMG]?)$/.exec(text);
  if (match === null) throw new Error(`Bad size in test tree: ${text}`);
  return Math.round(Number(match[1]) * UNITS[match[2]]);
}

export function record(id: string, parentId: string | null = null, overrides: Partial<VhdRecord> = {}): VhdRecord {
  const hidden = overrides.hidden ?? false;
  return {
    id,
    name: id,
    parentId,
    hidden,
    managed: !hidden,
    isSnapshot: false,
    sizeBytes: 1024 ** 2,
    virtualSizeBytes: 20 * 1024 ** 3,
    ...overrides,
  };
}

export function treeRecords(outline: string): VhdRecord[] {
  const records: VhdRecord[] = [];
  const stack: string[] = [];
  for (const raw of outline.split('\n')) {
    if (raw.trim() === '') continue;
    const level = Math.floor((raw.length - raw.trimStart().length) / 2);
    const [head, ...flags] = raw.trim().split(/\s+/);
    const hidden = head.startsWith('*');
    const id = hidden ? head.slice(1) : head;
    stack.length = level;
    const overrides: Partial<VhdRecord> = { hidden };
    let parentId = level === 0 ? null : stack[level - 1];
    for (const flag of flags) {
      const [key, value = ''] = flag.split('=');
      if (key === 'size') overrides.sizeBytes = bytes(value);
      else if (key === 'virtual') overrides.virtualSizeBytes = bytes(value);
      else if (key === 'snapshot') overrides.isSnapshot = true;
      else if (key === 'managed') overrides.managed = true;
      else if (key === 'unmanaged') overrides.managed = false;
      else if (key === 'leafCoalesce') overrides.leafCoalesce = value;
      else if (key === 'parent') parentId = value === 'none' ? null : value;
      else throw new Error(`Unknown flag in test tree: ${flag}`);
    }
    records.push(record(id, parentId, overrides));
    stack[level] = id;
  }
  return records;
}

/** A straight chain `<prefix>0` (root) … `<prefix><length-1>` (visible leaf), every ancestor hidden. */
export function linearChain(length: number, prefix = 'v'): VhdRecord[] {
  return Array.from({ length }, (_, i) =>
    record(`${prefix}${i}`, i === 0 ? null : `${prefix}${i - 1}`, { hidden: i < length - 1 }),
  );
}

export function vhdNode(name: string, overrides: Partial<VhdNode> = {}): VhdNode {
  return {
    name,
    uuid: uuidFromName(name),
    capacityBytes: 21474836480,
    sizeBytes: 8388608,
    hidden: false,
    marker: null,
    keyhash: null,
    parentName: null,
    parentFrom: 'none',
    indentDepth: null,
    line: 1,
    truncated: false,
    notFoundInScan: false,
    scanError: null,
    ...overrides,
  };
}
