/** Typed records parsed from `vhd-util scan` and SMlog text. */

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
  /** A parent printed with ` (not found in scan)`: the node is a placeholder, not a scanned VHD. */
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
  nodes: VhdNode[];
  diagnostics: ScanDiagnostic[];
  /** `tree` when indentation was seen (`-p`), else `flat`. */
  format: 'tree' | 'flat';
  /** Lines that looked like scan output (held `vhd=`). */
  scanLines: number;
  malformedLines: number;
  truncatedLines: number;
}

/** A VDI as SMGC prints it: `*e25e01be[VHD](500.000G//152.000M|ao)` or `*abcd1234(20.000G/1.000G/20.000G)`. */
export interface VdiToken {
  /** The text as printed. */
  raw: string;
  hidden: boolean;
  /** First 8 hex digits of the VDI uuid. */
  uuidPrefix: string;
  /** `VHD`, `RAW`... when printed (LVM SRs). */
  vdiType: string | null;
  virtualSizeBytes: number | null;
  sizeBytes: number | null;
  /** Third size field (LVM: size of the logical volume). */
  allocatedBytes: number | null;
  /** Flags after `|` (`a` active, `o` open...). */
  flags: string | null;
}

export type SmlogEventKind =
  | 'gc-start'
  | 'gc-quiet'
  | 'gc-exit'
  | 'gc-already-active'
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
  /** Epoch milliseconds (UTC reading of the syslog timestamp, year inferred). */
  atMs: number;
  host: string;
  /** `SMGC` or `SM` (or another syslog ident). */
  ident: string;
  pid: number;
  line: number;
  message: string;
  /** VDIs named in the message, in order (source first for `A -> B`). */
  vdis: VdiToken[];
  /** SR uuid named in the message (`=== SR <uuid>: gc ===`, `SR <uuid> (...)`). */
  srUuid?: string;
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
  /** `exception`: its type and message. */
  exceptionType?: string;
  exceptionMessage?: string;
}

export interface SmlogParseResult {
  events: SmlogEvent[];
  /** Lines that looked like syslog. */
  lines: number;
  /** Lines from the SMGC ident. */
  gcLines: number;
  gcPids: number[];
  malformedLines: number;
  diagnostics: ScanDiagnostic[];
}
