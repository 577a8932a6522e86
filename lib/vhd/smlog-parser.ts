/**
 * SMlog text → typed events. SM writes through syslog: `<timestamp> <host> <ident>: [<pid>] <message>`
 * (`util.SMlog` prefixes the pid itself; ident `SMGC` for cleanup.py, `SM` for the rest). Text may
 * mix SMlog with other pasted output: lines that do not start with a syslog timestamp are skipped
 * and not counted; a line that starts like syslog but breaks off is counted as malformed.
 * One pass over the lines, then one over the yearless timestamps: linear in the input.
 */
import type { ScanDiagnostic, SmlogEvent, SmlogParseResult, VdiToken } from './types';
import { classifySmlogMessage, type VdiTokenReader } from './smlog-message';
import { parseVdiToken } from './vdi-token';
import { positionToMs, readSyslogTimestamp, SyslogYearInference } from './syslog-time';

export interface SmlogParseOptions {
  /**
   * When the log was read (epoch ms). Traditional syslog lines have no year: it is inferred from
   * this (see `SyslogYearInference`). Times without a zone are read as UTC.
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
const HOST_IDENT = / (\S+) ([^\s:[\]]+)(?:\[(\d{1,10})\])?:(?: |$)/y;
/** `[<pid>] ` as `util.SMlog` writes it. */
const SM_PID = /\[(\d{1,10})\](?: |$)/y;

/** Parses SMlog text; never throws on any text (only on a `referenceMs` that is no time). */
export function parseSmlog(text: string, opts: SmlogParseOptions): SmlogParseResult {
  const events: SmlogEvent[] = [];
  const diagnostics: ScanDiagnostic[] = [];
  const yearless = new SyslogYearInference();
  const yearlessEvents: SmlogEvent[] = [];
  const yearlessPositions: number[] = [];
  const names = new Map<string, string>();
  const gcPids = new Set<number>();
  const srUuidByPrefix = new Map<string, string | null>();
  const readToken = cachedTokenReader();
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
    const header = readHeader(line, timestamp.length);
    if (typeof header === 'string') {
      diagnostics.push({ line: lineNumber, kind: 'malformed', message: header });
      continue;
    }

    const info = classifySmlogMessage(header.message, readToken);
    const event: SmlogEvent = {
      kind: info.kind,
      // Yearless times are set once the years are known; NaN keeps the field a double meanwhile.
      atMs: timestamp.kind === 'absolute' ? timestamp.atMs : Number.NaN,
      host: intern(names, header.host),
      ident: intern(names, header.ident),
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
      yearlessPositions.push(yearless.add(timestamp.stamp));
    }
    if (event.ident === 'SMGC') {
      gcLines++;
      gcPids.add(event.pid);
    }
  }

  const years = yearless.years(opts.referenceMs);
  for (let i = 0; i < yearlessEvents.length; i++) {
    yearlessEvents[i].atMs = positionToMs(yearlessPositions[i], years[i]);
  }

  return {
    events,
    lines: events.length + diagnostics.length,
    gcLines,
    gcPids: [...gcPids],
    malformedLines: diagnostics.length,
    diagnostics,
  };
}

/** Reads the header from `from` (just after the timestamp) on; sticky patterns, so the line is not copied. */
function readHeader(line: string, from: number): SyslogHeader | string {
  HOST_IDENT.lastIndex = from;
  const hostIdent = HOST_IDENT.exec(line);
  if (!hostIdent) return 'the line breaks off after the timestamp (expected "<host> <ident>: [<pid>] <message>")';
  const host = hostIdent[1];
  const ident = hostIdent[2];
  const identPid = hostIdent[3];
  if (identPid !== undefined) return { host, ident, pid: Number(identPid), message: line.slice(HOST_IDENT.lastIndex) };
  SM_PID.lastIndex = HOST_IDENT.lastIndex;
  const smPid = SM_PID.exec(line);
  if (!smPid) return `the line breaks off after "${ident}:" (expected "[<pid>] <message>")`;
  return { host, ident, pid: Number(smPid[1]), message: line.slice(SM_PID.lastIndex) };
}

/** Hosts and idents repeat on every line: keep one copy of each. */
function intern(names: Map<string, string>, name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  names.set(name, name);
  return name;
}

/** Upper bound on the tokens remembered at once; the cache only saves re-reading, so clearing it is harmless. */
const TOKEN_CACHE_SIZE = 100_000;

/**
 * A log prints the same VDIs over and over (tree dumps, candidates logged twice per round), so each
 * distinct token text is read once and the events share that token: treat tokens as read-only.
 */
function cachedTokenReader(): VdiTokenReader {
  const cache = new Map<string, VdiToken | null>();
  return (text) => {
    let token = cache.get(text);
    if (token === undefined) {
      token = parseVdiToken(text);
      if (cache.size >= TOKEN_CACHE_SIZE) cache.clear();
      cache.set(text, token);
    }
    return token;
  };
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
