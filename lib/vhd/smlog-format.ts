/**
 * SMlog text as SM writes it, for the simulator and for tests: the syslog line
 * (`Aug 21 10:31:08 rigel SMGC: [628] ...`) and the exact messages of cleanup.py.
 */
import type { VdiTokenFields } from './vdi-token';
import { formatSmSize, formatVdiToken } from './vdi-token';
import { formatPythonStringList } from './python-list';
import { formatSyslogStamp } from './syslog-time';

export interface SmlogLine {
  /** Written as the UTC clock, to the second (syslog has no year nor zone). */
  atMs: number;
  host: string;
  /** `SMGC` for the garbage collector, `SM` for the rest of SM. */
  ident: string;
  pid: number;
  /** One line: `util.SMlog` writes each line of a multi-line message as its own syslog line. */
  message: string;
}

/** One SMlog line, without the newline. */
export function formatSmlogLine({ atMs, host, ident, pid, message }: SmlogLine): string {
  return `${formatSyslogStamp(atMs)} ${host} ${ident}: [${pid}] ${message}`;
}

type Vdi = VdiTokenFields;
const vdi = formatVdiToken;

/** The SR as `SR.__str__` prints it: the first 4 characters of the uuid and the name label, or the whole uuid. */
export interface SmgcSr {
  uuid: string;
  name?: string;
}

/** Messages of SM's cleanup.py (ident SMGC) and util.py (ident SM), one function per message. */
export const smlogMessages = {
  gcStart: (srUuid: string) => `=== SR ${srUuid}: gc ===`,
  gcQuiet: () => 'GC active, about to go quiet',
  noWork: () => 'No work, exiting',
  gcExit: () => 'GC process exiting, no work left',
  alreadyActive: () => 'Another GC instance already active, exiting',
  srUpdate: (srUuid: string) => `Starting asynch srUpdate for SR ${srUuid}`,
  /** The header line of `LogFilter.logState`; the trees follow as `treeLine`s, then an empty message. */
  treeHeader: (sr: SmgcSr, vdiCount: number, treeCount: number, changes: 'first' | 'changed' | 'none') => {
    const name = sr.name ? `${sr.uuid.slice(0, 4)} ('${sr.name}')` : sr.uuid;
    const tail = { first: '', changed: 'showing only VHD trees that changed:', none: 'no changes' }[changes];
    return `SR ${name} (${vdiCount} VDIs in ${treeCount} VHD trees): ${tail}`;
  },
  treeLine: (token: Vdi, depth: number) => `${' '.repeat(8 + 4 * depth)}${vdi(token)}`,
  coalesceCandidate: (token: Vdi, treeHeight: number) =>
    `Coalesce candidate: ${vdi(token)} (tree height ${treeHeight})`,
  leafCoalesceCandidate: (token: Vdi) => `Leaf-coalesce candidate: ${vdi(token)}`,
  coalescing: (child: Vdi, parent: Vdi) => `Coalescing ${vdi(child)} -> ${vdi(parent)}`,
  leafCoalescing: (leaf: Vdi, parent: Vdi) => `Leaf-coalescing ${vdi(leaf)} -> ${vdi(parent)}`,
  coalescedSize: (bytes: number) => `Coalesced size = ${formatSmSize(bytes)}`,
  runningCoalesce: (token: Vdi) => `  Running VHD coalesce on ${vdi(token)}`,
  coalescingParent: (token: Vdi) => `Coalescing parent ${vdi(token)}`,
  singleSnapshotting: (token: Vdi) => `Single-snapshotting ${vdi(token)}`,
  noProgress: (attempt: number) => `No progress, attempt: ${attempt}`,
  maxIterations: (iterations: number) => `Max iterations (${iterations}) exceeded`,
  noProgressIterations: (iterations: number) => `No progress made for ${iterations} iterations`,
  unexpectedSizeBump: () => 'Unexpected bump in size, compared to minimum acheived',
  setLeafCoalesceOffline: (token: Vdi) => `Set leaf-coalesce = offline for ${vdi(token)}`,
  removedLeafCoalesce: (token: Vdi) => `Removed leaf-coalesce from ${vdi(token)}`,
  snapshotCoalesceAbandoned: () => 'Snapshot-coalesce did not help, abandoning attempts',
  noSpace: (token: Vdi, freeSpaceBytes: number) => `No space to coalesce ${vdi(token)} (free space: ${freeSpaceBytes})`,
  noSpaceLeaf: (token: Vdi, freeSpaceBytes: number) =>
    `No space to leaf-coalesce ${vdi(token)} (free space: ${freeSpaceBytes})`,
  coalesceFailed: () => 'Coalesce failed, skipping',
  leafCoalesceFailed: (token: Vdi) => `Leaf-coalesce failed on ${vdi(token)}, skipping`,
  finishLeafCoalesce: () => '*** FINISH LEAF-COALESCE',
  undoLeafCoalesce: () => '*** UNDO LEAF-COALESCE',
  /** `Util.logException(tag)` (SMGC) for a Python 3 exception class. */
  exception: (tag: string, type: string, value: string) => `${tag}: EXCEPTION <class '${type}'>, ${value}`,
  /** `util.SMlog(cmdlist)` (ident SM) before SM runs a command. */
  command: (argv: readonly string[]) => formatPythonStringList(argv),
};
