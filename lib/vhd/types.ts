/** Typed records parsed from `vhd-util scan` and SMlog text. */
import type { ScanTable } from './scan-table';

/** One VHD line of `vhd-util scan` output (plain or `-p` tree). */
export interface VhdNode {
  /** Name exactly as printed: `VHD-<uuid>` (LVM), `<uuid>.vhd` or a full path (file SR). */
  name: string;
  /** The VDI uuid inside the name, when the name holds a whole one. */
  uuid: string | null;
  capacityBytes: number | null;
  sizeBytes: number | null;
  hidden: boolean | null;
  /** `-M` fields, when present. */
  marker: number | null;
  keyhash: string | null;
  /** Parent name; null for a root (`parent=none`). */
  parentName: string | null;
  /** Where parentName came from: the `parent=` field, or the tree indentation when the field was cut. */
  parentFrom: 'field' | 'indent' | 'none';
  /** Tree depth from the 3-space indentation of `-p` output (0 = root); null in plain output. */
  indentDepth: number | null;
  /** 1-based line number in the input. */
  line: number;
  /** The line was cut at the right edge (some field or its end is missing). */
  truncated: boolean;
  /**
   * The line read `parent=<name> (not found in scan)`: vhd-util -p scanned no VHD of that name.
   * The node itself was scanned; vhd-util prints no line for the missing parent.
   */
  notFoundInScan: boolean;
  /** `scan-error=<n> error-message='...'` line. */
  scanError: { code: number; message: string } | null;
}

export type ScanDiagnosticKind = 'malformed' | 'truncated' | 'scan-error' | 'duplicate' | 'unknown-parent';

export interface ScanDiagnostic {
  line: number;
  kind: ScanDiagnosticKind;
  message: string;
}

export interface ScanParseResult {
  /** The kept lines as columns (what the chain model reads). */
  table: ScanTable;
  /** The kept lines as objects, in input order: made on first use. */
  readonly nodes: VhdNode[];
  diagnostics: ScanDiagnostic[];
  /** `tree` when indentation was seen (`-p`), else `flat`. */
  format: 'tree' | 'flat';
  /** Lines that looked like scan output (held `vhd=`). */
  scanLines: number;
  malformedLines: number;
  truncatedLines: number;
}

/**
 * Which SM `__str__` printed a VDI token (cleanup.py):
 * - `lvm-3`: LVM, SM before the allocated size was tracked: `[VHD](virt/phys/lv|flags)`;
 * - `lvm-4`: LVM, newer SM: `[VHD](virt/phys/alloc/lv|flags)`;
 * - `file-2`: file SR, older SM: `(virt/phys)`, raw `(virt)[RAW]`;
 * - `file-3`: file SR, newer SM: `(virt/phys/alloc)`, raw `(virt/alloc)[RAW]`, newest `(...)[vhd]`.
 */
export type VdiTokenFormat = 'lvm-3' | 'lvm-4' | 'file-2' | 'file-3';

/**
 * A VDI as SMGC prints it: `*e25e01be[VHD](500.000G//152.000M|ao)` or `*abcd1234(20.000G/1.000G/20.000G)`.
 * Sizes are SM's `num2str` (G/M/K = 1024^3/1024^2/1024, 3 decimals) read back into bytes, so they
 * are exact to the printed precision only.
 */
export interface VdiToken {
  /** The text as printed. */
  raw: string;
  hidden: boolean;
  /** First 8 characters of the VDI uuid as printed: 8 hex, or `OLD_` + 4 hex (a leaf renamed mid leaf-coalesce). */
  uuidPrefix: string;
  /** `VHD`, `RAW` (LVM: before the sizes; file SRs: after them), `vhd`/`qcow2` in the newest SM; or null. */
  vdiType: string | null;
  format: VdiTokenFormat;
  virtualSizeBytes: number | null;
  /** Physical size of the VHD (SM `_sizeVHD`/`_sizePhys`); null when SM had not loaded it (printed empty or `?`). */
  sizeBytes: number | null;
  /** Allocated data size (SM `_sizeAllocated`), printed by newer SM only (`lvm-4`, `file-3`); null otherwise. */
  allocatedBytes: number | null;
  /** LVM: size of the logical volume (last size field); null for file SRs. */
  lvSizeBytes: number | null;
  /** LVM flags after `|`: `a` active, `o` open, `n` not active (`n`, `no`, `a`, `ao`); null for file SRs. */
  flags: string | null;
}

export type SmlogEventKind =
  | 'gc-start'
  | 'gc-quiet'
  | 'gc-exit'
  | 'gc-already-active'
  | 'sr-update'
  | 'tree-dump'
  | 'coalesce-candidate'
  | 'coalescing'
  | 'coalesced-size'
  | 'running-coalesce'
  | 'leaf-coalesce-candidate'
  | 'leaf-coalescing'
  | 'single-snapshotting'
  | 'coalescing-parent'
  | 'no-progress'
  | 'max-iterations'
  | 'no-progress-iterations'
  | 'unexpected-size-bump'
  | 'set-leaf-coalesce-offline'
  | 'removed-leaf-coalesce'
  | 'snapshot-coalesce-abandoned'
  | 'no-space'
  | 'coalesce-failed'
  | 'finish-leaf-coalesce'
  | 'undo-leaf-coalesce'
  | 'exception'
  | 'command'
  | 'other';

/** One parsed SMlog line. */
export interface SmlogEvent {
  kind: SmlogEventKind;
  /** Epoch milliseconds: a zone-less timestamp is read as UTC; a syslog one gets its year inferred (syslog-time.ts). */
  atMs: number;
  host: string;
  /** `SMGC` or `SM` (or another syslog ident). */
  ident: string;
  pid: number;
  line: number;
  message: string;
  /** VDIs named in the message, in order (source first for `A -> B`). One parse shares equal tokens: read-only. */
  vdis: VdiToken[];
  /**
   * SR uuid named in the message (`=== SR <uuid>: gc ===`, `SR <uuid> (...)`); for a tree-dump header that
   * prints only `<4 hex> ('<name>')`, the one SR uuid seen earlier in the log with that prefix.
   */
  srUuid?: string;
  /** Tree-dump header of a named SR: `SR <srUuidPrefix> ('<srName>') (...)`. */
  srUuidPrefix?: string;
  srName?: string;
  /** Tree-dump VDI line: depth in its VHD tree (0 = root), from SM's 4-space indentation. */
  treeDepth?: number;
  /** Kind-specific numbers: tree height, attempt, iterations, bytes, counts. */
  treeHeight?: number;
  attempt?: number;
  iterations?: number;
  sizeBytes?: number;
  freeSpaceBytes?: number;
  vdiCount?: number;
  treeCount?: number;
  /** `command`: argv of the shell command SM ran. */
  argv?: string[];
  /** `exception`: what SM was doing (`coalesce`, `leaf-coalesce`, `gc`...), the type and message. */
  exceptionTag?: string;
  exceptionType?: string;
  exceptionMessage?: string;
}

export interface SmlogParseResult {
  events: SmlogEvent[];
  /** Lines that looked like syslog: one event each, plus the malformed ones. */
  lines: number;
  /** Lines from the SMGC ident. */
  gcLines: number;
  /** Pids of SMGC lines, in order of first appearance. */
  gcPids: number[];
  malformedLines: number;
  diagnostics: ScanDiagnostic[];
}
