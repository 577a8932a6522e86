/**
 * One SMGC line as the timelines show it, whether it was stored by the collector (GcEvent)
 * or parsed from a pasted SMlog: the VDIs it names (hidden ones starred, as SM prints them)
 * and the numbers the sentence needs.
 */
import { classifySmlogMessage, type SmlogMessageFields } from '../../vhd/smlog-message';
import { FAILURE_KINDS } from '../../vhd/smlog-summary';
import type { SmlogEvent, SmlogEventKind, VdiToken } from '../../vhd/types';

export interface GcEventView {
  /** Unique within one list (React key, paging). */
  key: string;
  atMs: number;
  host: string;
  pid: number;
  kind: SmlogEventKind;
  /** The SMlog message as logged (untrusted text). */
  message: string;
  /** VDIs named, source first: `*e25e01be` is a hidden one. */
  vdis: { hidden: boolean; uuidPrefix: string }[];
  /** The GC did not do what it set out to (gave up, no space, failed, exception). */
  failure: boolean;
  srUuid: string | null;
  iterations: number | null;
  attempt: number | null;
  sizeBytes: number | null;
  freeSpaceBytes: number | null;
  treeHeight: number | null;
  vdiCount: number | null;
  treeCount: number | null;
  exceptionType: string | null;
  exceptionMessage: string | null;
  /** Program SM ran (`command` lines), without its arguments. */
  program: string | null;
}


export interface GcEventSource {
  key: string;
  atMs: number;
  host: string;
  pid: number;
  message: string;
  srUuid?: string | null;
}

const num = (value: number | undefined): number | null => (value === undefined ? null : value);

function view(source: GcEventSource, kind: SmlogEventKind, vdis: VdiToken[], f: SmlogMessageFields): GcEventView {
  return {
    key: source.key,
    atMs: source.atMs,
    host: source.host,
    pid: source.pid,
    kind,
    message: source.message,
    vdis: vdis.map((v) => ({ hidden: v.hidden, uuidPrefix: v.uuidPrefix })),
    failure: FAILURE_KINDS.has(kind),
    srUuid: source.srUuid ?? f.srUuid ?? null,
    iterations: num(f.iterations),
    attempt: num(f.attempt),
    sizeBytes: num(f.sizeBytes),
    freeSpaceBytes: num(f.freeSpaceBytes),
    treeHeight: num(f.treeHeight),
    vdiCount: num(f.vdiCount),
    treeCount: num(f.treeCount),
    exceptionType: f.exceptionType ?? null,
    exceptionMessage: f.exceptionMessage ?? null,
    program: f.argv?.[0] ?? null,
  };
}

/** A stored line: the kind, VDIs and numbers are read back from the message with the SMlog parser's own rules. */
export function gcEventView(source: GcEventSource): GcEventView {
  const info = classifySmlogMessage(source.message);
  return view(source, info.kind, info.vdis, info.fields ?? {});
}

/** A line the SMlog parser already read (a pasted SMlog). */
export function gcEventFromSmlog(event: SmlogEvent, key: string): GcEventView {
  return view({ key, atMs: event.atMs, host: event.host, pid: event.pid, message: event.message }, event.kind, event.vdis, event);
}
