/**
 * SMlog text → typed events. SM writes through syslog: `<timestamp> <host> <ident>: [<pid>] <message>`
 * (`util.SMlog` prefixes the pid itself; ident `SMGC` for cleanup.py, `SM` for the rest). Text may
 * mix SMlog with other pasted output: lines that do not start with a syslog timestamp are skipped
 * and not counted; a line that starts like syslog but breaks off is counted as malformed.
 * One pass over the lines, then one over the yearless timestamps: linear in the input.
 */
import type { ScanDiagnostic, SmlogEvent, SmlogParseResult } from './types';
import { classifySmlogMessage } from './smlog-message';
import { inferSyslogYears, readSyslogTimestamp, stampToMs, type YearlessStamp } from './syslog-time';

export interface SmlogParseOptions {
  /**
   * When the log was read (epoch ms). Traditional syslog lines have no year: it is inferred from
   * this (see `inferSyslogYears`). Times without a zone are read as UTC.
   */
  referenceMs: number;
}

interface SyslogHeader {
  host: string;
  ident: string;
  pid: number;
  message: string;
}

/** `<host> <ident>:` or `<host> <ident>[<pid>]:` right after the timestamp. */
const HOST_IDENT = /^ (\S+) ([^\s:[\]]+)(?:\[(\d{1,10})\])?:(?: |$)/;
/** `[<pid>] ` as `util.SMlog` writes it. */
const SM_PID = /^\[(\d{1,10})\](?: |$)/;

/** Parses SMlog text; never throws on any text (only on a non-finite `referenceMs`). */
export function parseSmlog(text: string, opts: SmlogParseOptions): SmlogParseResult {
  const events: SmlogEvent[] = [];
  const diagnostics: ScanDiagnostic[] = [];
  const yearlessEvents: SmlogEvent[] = [];
  const stamps: YearlessStamp[] = [];
  const gcPids = new Set<number>();
  const srUuidByPrefix = new Map<string, string | null>();
  let gcLines = 0;

  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const rawLine = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    lineNumber++;

    // Forum pastes indent every line.
    const line = rawLine.trimStart();
    const timestamp = readSyslogTimestamp(line);
    if (timestamp === null) continue;
    if (timestamp.kind === 'broken') {
      diagnostics.push({ line: lineNumber, kind: 'malformed', message: timestamp.reason });
      continue;
    }
    const header = readHeader(line.slice(timestamp.length));
    if (typeof header === 'string') {
      diagnostics.push({ line: lineNumber, kind: 'malformed', message: header });
      continue;
    }

    const info = classifySmlogMessage(header.message);
    const event: SmlogEvent = {
      kind: info.kind,
      // Yearless times are set once the years are known; NaN keeps the field a double meanwhile.
      atMs: timestamp.kind === 'absolute' ? timestamp.atMs : Number.NaN,
      host: header.host,
      ident: header.ident,
      pid: header.pid,
      line: lineNumber,
      message: header.message,
      vdis: info.vdis,
    };
    if (info.fields) Object.assign(event, info.fields);
    resolveSrUuid(event, srUuidByPrefix);
    events.push(event);
    if (timestamp.kind === 'yearless') {
      yearlessEvents.push(event);
      stamps.push(timestamp.stamp);
    }
    if (event.ident === 'SMGC') {
      gcLines++;
      gcPids.add(event.pid);
    }
  }

  const years = inferSyslogYears(stamps, opts.referenceMs);
  for (let i = 0; i < yearlessEvents.length; i++) yearlessEvents[i].atMs = stampToMs(stamps[i], years[i]);

  return {
    events,
    lines: events.length + diagnostics.length,
    gcLines,
    gcPids: [...gcPids],
    malformedLines: diagnostics.length,
    diagnostics,
  };
}

function readHeader(afterTimestamp: string): SyslogHeader | string {
  const hostIdent = HOST_IDENT.exec(afterTimestamp);
  if (!hostIdent) return 'the line breaks off after the timestamp (expected "<host> <ident>: [<pid>] <message>")';
  const host = hostIdent[1];
  const ident = hostIdent[2];
  const identPid = hostIdent[3];
  const rest = afterTimestamp.slice(hostIdent[0].length);
  if (identPid !== undefined) return { host, ident, pid: Number(identPid), message: rest };
  const smPid = SM_PID.exec(rest);
  if (!smPid) return `the line breaks off after "${ident}:" (expected "[<pid>] <message>")`;
  return { host, ident, pid: Number(smPid[1]), message: rest.slice(smPid[0].length) };
}

/**
 * A tree-dump header names its SR by the first 4 characters of the uuid and the name label; the
 * `=== SR <uuid>: gc ===` line of the same run names it whole. Use the uuid when exactly one
 * SR seen so far starts with that prefix.
 */
function resolveSrUuid(event: SmlogEvent, srUuidByPrefix: Map<string, string | null>): void {
  if (event.srUuid !== undefined) {
    const prefix = event.srUuid.slice(0, 4);
    const known = srUuidByPrefix.get(prefix);
    srUuidByPrefix.set(prefix, known === undefined || known === event.srUuid ? event.srUuid : null);
    return;
  }
  const resolved = event.srUuidPrefix === undefined ? undefined : srUuidByPrefix.get(event.srUuidPrefix);
  if (resolved) event.srUuid = resolved;
}
