/** Factories for `vhd-util scan` tests: VHDs to print, and pasted-text damage to apply to the print. */
import type { ScanPrintNode } from '../../lib/vhd/scan-format';
import { vhdNameForUuid } from '../../lib/vhd/vhd-name';

const GIB = 1024 ** 3;

/** A valid, deterministic uuid for seed `n` (different seeds, different uuids). */
export function uuidFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0').slice(-12);
  return `5e0d${hex.slice(0, 4)}-${hex.slice(4, 8)}-4a1b-8c2d-${hex}`;
}

export type NameStyle = 'lvm' | 'file' | 'lvm-path' | 'file-path';

export const SR_UUID = 'c3d1d9a1-7a5e-4c0e-9f3b-2a4f6a0b7e11';

/** The name vhd-util prints for VDI `uuid`: basename by default, the full path with `-v`. */
export function scanName(uuid: string, style: NameStyle = 'lvm'): string {
  switch (style) {
    case 'lvm':
      return vhdNameForUuid(uuid, 'lvm');
    case 'file':
      return vhdNameForUuid(uuid, 'file');
    case 'lvm-path':
      return `/dev/VG_XenStorage-${SR_UUID}/${vhdNameForUuid(uuid, 'lvm')}`;
    case 'file-path':
      return `/var/run/sr-mount/${SR_UUID}/${vhdNameForUuid(uuid, 'file')}`;
  }
}

export function printNode(seed: number, overrides: Partial<ScanPrintNode> = {}): ScanPrintNode {
  return {
    name: scanName(uuidFor(seed)),
    capacityBytes: 20 * GIB,
    sizeBytes: 8 * 1024 ** 2 + seed * 2 * 1024 ** 2,
    hidden: false,
    parentName: null,
    ...overrides,
  };
}

/**
 * A VM disk after `depth` snapshots that the GC could not coalesce: a line of base copies
 * (hidden), each carrying an 8 MiB snapshot leaf, ending in the active leaf.
 */
export function snapshotChain(depth: number, style: NameStyle = 'lvm', firstSeed = 1): ScanPrintNode[] {
  const nodes: ScanPrintNode[] = [];
  let parentName: string | null = null;
  for (let i = 0; i < depth; i++) {
    const base = printNode(firstSeed + 2 * i, { name: scanName(uuidFor(firstSeed + 2 * i), style), hidden: true, parentName });
    const snapshot = printNode(firstSeed + 2 * i + 1, { name: scanName(uuidFor(firstSeed + 2 * i + 1), style), sizeBytes: 8 * 1024 ** 2, parentName: base.name });
    nodes.push(base, snapshot);
    parentName = base.name;
  }
  nodes.push(printNode(firstSeed + 2 * depth, { name: scanName(uuidFor(firstSeed + 2 * depth), style), parentName }));
  return nodes;
}

/** Cut every line at `column` characters, as the forum did to the fixture (145). */
export function cutLines(text: string, column: number): string {
  return text
    .split('\n')
    .map((line) => line.slice(0, column))
    .join('\n');
}

/** Forum indentation, CRLF line ends and a shell prompt before the output. */
export function asPasted(text: string, opts: { indent?: string; crlf?: boolean; prompt?: string } = {}): string {
  const indent = opts.indent ?? '';
  const lines = text.replace(/\n$/, '').split('\n').map((line) => `${indent}${line}`);
  if (opts.prompt !== undefined) lines.unshift(opts.prompt);
  return lines.join(opts.crlf ? '\r\n' : '\n');
}

export const PROMPT = `[10:22 rigel ~]# vhd-util scan -f -m 'VHD-*' -l VG_XenStorage-${SR_UUID} -p`;
