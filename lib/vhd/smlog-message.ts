/**
 * What one SMlog message says: its event kind and numbers, from the exact texts SM's
 * cleanup.py (`Util.log`, ident SMGC) and util.py (`SMlog`, ident SM) print.
 */
import type { SmlogEvent, SmlogEventKind, VdiToken } from './types';
import { parsePythonStringList } from './python-list';
import { findVdiTokens, parseSmSize, parseVdiToken } from './vdi-token';

/** The kind-specific fields of an event (`srUuid`, `treeHeight`, `argv`...). */
export type SmlogMessageFields = Partial<
  Omit<SmlogEvent, 'kind' | 'vdis' | 'atMs' | 'host' | 'ident' | 'pid' | 'line' | 'message'>
>;

/** The message-dependent part of an event; `fields` is null when the message names nothing more. */
export interface SmlogMessageInfo {
  kind: SmlogEventKind;
  vdis: VdiToken[];
  fields: SmlogMessageFields | null;
}

interface Rule {
  kind: SmlogEventKind;
  /** Cheap test before the pattern. */
  prefix: string;
  pattern: RegExp;
  /** Groups holding VDI tokens. */
  tokenGroups?: number[];
  /** Numbers and names from the groups; null when they do not read, so the line stays `other`. */
  fields?: (groups: RegExpExecArray) => SmlogMessageFields | null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SR_NAMED = new RegExp(String.raw`\bSR (${UUID})\b`);
const WHOLE_UUID = new RegExp(`^${UUID}$`);
const int = (text: string) => Number(text);

const RULES: readonly Rule[] = [
  {
    kind: 'gc-start',
    prefix: '=== SR ',
    pattern: new RegExp(`^=== SR (${UUID}): gc ===$`),
    fields: (m) => ({ srUuid: m[1] }),
  },
  { kind: 'gc-quiet', prefix: 'GC active, about', pattern: /^GC active, about to go quiet$/ },
  { kind: 'gc-exit', prefix: 'No work', pattern: /^No work, exiting$/ },
  { kind: 'gc-exit', prefix: 'GC process exiting', pattern: /^GC process exiting, no work left$/ },
  { kind: 'gc-already-active', prefix: 'Another GC', pattern: /^Another GC instance already active, exiting$/ },
  // `_gcLoop` asks XAPI to rescan the SR after each garbage collection, coalesce or leaf-coalesce.
  {
    kind: 'sr-update',
    prefix: 'Starting asynch srUpdate',
    pattern: new RegExp(`^Starting asynch srUpdate for SR (${UUID})$`),
    fields: (m) => ({ srUuid: m[1] }),
  },
  // LogFilter.logState: `SR <sr> (<n> VDIs in <m> VHD trees): ` + `no changes` or the changed trees.
  {
    kind: 'tree-dump',
    prefix: 'SR ',
    pattern: /^SR (.+) \((\d+) VDIs in (\d+) \w+ trees\): ?/,
    fields: (m) => ({ ...srOfTreeDump(m[1]), vdiCount: int(m[2]), treeCount: int(m[3]) }),
  },
  {
    kind: 'coalesce-candidate',
    prefix: 'Coalesce candidate: ',
    pattern: /^Coalesce candidate: (\S+) \(tree height (\d+)\)$/,
    tokenGroups: [1],
    fields: (m) => ({ treeHeight: int(m[2]) }),
  },
  {
    kind: 'leaf-coalesce-candidate',
    prefix: 'Leaf-coalesce candidate: ',
    pattern: /^Leaf-coalesce candidate: (\S+)$/,
    tokenGroups: [1],
  },
  { kind: 'coalescing-parent', prefix: 'Coalescing parent ', pattern: /^Coalescing parent (\S+)$/, tokenGroups: [1] },
  { kind: 'coalescing', prefix: 'Coalescing ', pattern: /^Coalescing (\S+) -> (\S+)$/, tokenGroups: [1, 2] },
  {
    kind: 'leaf-coalescing',
    prefix: 'Leaf-coalescing ',
    pattern: /^Leaf-coalescing (\S+) -> (\S+)$/,
    tokenGroups: [1, 2],
  },
  {
    kind: 'coalesced-size',
    prefix: 'Coalesced size = ',
    pattern: /^Coalesced size = (\S+)$/,
    fields: (m) => {
      const sizeBytes = parseSmSize(m[1]);
      return sizeBytes === null ? null : { sizeBytes };
    },
  },
  // `Running COW coalesce` in the newest SM (VHD and QCOW2).
  {
    kind: 'running-coalesce',
    prefix: 'Running ',
    pattern: /^Running (?:VHD|COW) coalesce on (\S+)$/,
    tokenGroups: [1],
  },
  {
    kind: 'single-snapshotting',
    prefix: 'Single-snapshotting ',
    pattern: /^Single-snapshotting (\S+)$/,
    tokenGroups: [1],
  },
  {
    kind: 'no-progress',
    prefix: 'No progress, ',
    pattern: /^No progress, attempt: (\d+)$/,
    fields: (m) => ({ attempt: int(m[1]) }),
  },
  {
    kind: 'max-iterations',
    prefix: 'Max iterations',
    pattern: /^Max iterations \((\d+)\) exceeded$/,
    fields: (m) => ({ iterations: int(m[1]) }),
  },
  {
    kind: 'no-progress-iterations',
    prefix: 'No progress made',
    pattern: /^No progress made for (\d+) iterations$/,
    fields: (m) => ({ iterations: int(m[1]) }),
  },
  // CoalesceTracker's third reason to give up (SM spells it "acheived").
  {
    kind: 'unexpected-size-bump',
    prefix: 'Unexpected bump',
    pattern: /^Unexpected bump in size, compared to minimum/,
  },
  {
    kind: 'set-leaf-coalesce-offline',
    prefix: 'Set leaf-coalesce = offline',
    pattern: /^Set leaf-coalesce = offline for (\S+)$/,
    tokenGroups: [1],
  },
  {
    kind: 'removed-leaf-coalesce',
    prefix: 'Removed leaf-coalesce',
    pattern: /^Removed leaf-coalesce from (\S+)$/,
    tokenGroups: [1],
  },
  {
    kind: 'snapshot-coalesce-abandoned',
    prefix: 'Snapshot-coalesce',
    pattern: /^Snapshot-coalesce did not help, abandoning attempts$/,
  },
  {
    kind: 'no-space',
    prefix: 'No space to ',
    pattern: /^No space to (?:leaf-)?coalesce (\S+) \(free space: (-?\d+)\)$/,
    tokenGroups: [1],
    fields: (m) => ({ freeSpaceBytes: int(m[2]) }),
  },
  { kind: 'coalesce-failed', prefix: 'Coalesce failed, ', pattern: /^Coalesce failed, skipping$/ },
  // Newer SM: `SR.coalesceLeaf` after its exception.
  {
    kind: 'coalesce-failed',
    prefix: 'Leaf-coalesce failed',
    pattern: /^Leaf-coalesce failed on (\S+), skipping$/,
    tokenGroups: [1],
  },
  { kind: 'finish-leaf-coalesce', prefix: '*** FINISH', pattern: /^\*\*\* FINISH LEAF-COALESCE$/ },
  { kind: 'undo-leaf-coalesce', prefix: '*** UNDO', pattern: /^\*\*\* UNDO LEAF-COALESCE$/ },
];

/** SMGC's tree dump prints each VDI on its own line, indented 8 spaces plus 4 per depth. */
const TREE_LINE = /^( {8,})(\S+)$/;
/** `Util.logException` (SMGC) and `util.logException` (SM, after `***** `): `<tag>: EXCEPTION <type>, <value>`. */
const EXCEPTION = /^(?:\*{5} )?(.+?): EXCEPTION (.*)$/;

/** The rules by the first character of their prefix: most messages then try one or two. */
const RULES_BY_FIRST_CHAR = new Map<string, Rule[]>();
for (const rule of RULES) {
  RULES_BY_FIRST_CHAR.set(rule.prefix[0], [...(RULES_BY_FIRST_CHAR.get(rule.prefix[0]) ?? []), rule]);
}

/** Reads one whole VDI token; a parser may pass a caching one. */
export type VdiTokenReader = (text: string) => VdiToken | null;

/** Classifies one message (the text after `[pid] `). */
export function classifySmlogMessage(
  message: string,
  readToken: VdiTokenReader = parseVdiToken,
): SmlogMessageInfo {
  const text = message.trimStart();
  for (const rule of RULES_BY_FIRST_CHAR.get(text[0]) ?? []) {
    if (!text.startsWith(rule.prefix)) continue;
    const match = rule.pattern.exec(text);
    const fields = match && (rule.fields ? rule.fields(match) : {});
    if (!match || !fields) continue;
    const vdis: VdiToken[] = [];
    for (const group of rule.tokenGroups ?? []) {
      const token = readToken(match[group]);
      if (token) vdis.push(token);
    }
    const sr = srNamedIn(text);
    return info(rule.kind, vdis, sr ? { ...sr, ...fields } : fields);
  }
  return classifyRest(message, text, readToken);
}

function classifyRest(message: string, text: string, readToken: VdiTokenReader): SmlogMessageInfo {
  const tree = TREE_LINE.exec(message);
  const depthIndent = tree ? tree[1].length - 8 : -1;
  const treeToken = tree && depthIndent % 4 === 0 ? readToken(tree[2]) : null;
  if (treeToken) return info('tree-dump', [treeToken], { treeDepth: depthIndent / 4 });

  if (text.startsWith('[')) {
    const argv = parsePythonStringList(text);
    if (argv) return info('command', [], { argv });
  }
  const exception = text.includes(': EXCEPTION ') ? EXCEPTION.exec(text) : null;
  if (exception) {
    return info('exception', [], { ...srNamedIn(text), ...splitException(exception[1], exception[2]) });
  }
  return info('other', text.includes('(') ? findVdiTokens(text) : [], srNamedIn(text) ?? {});
}

function info(kind: SmlogEventKind, vdis: VdiToken[], fields: SmlogMessageFields): SmlogMessageInfo {
  return { kind, vdis, fields: Object.keys(fields).length > 0 ? fields : null };
}

/** Python prints the type as `<class 'util.SMException'>` (or `<type '...'>`): keep the dotted name. */
function splitException(tag: string, rest: string): SmlogMessageFields {
  const wrapped = /^<(?:class|type) '([^']*)'>(?:, ([\s\S]*))?$/.exec(rest);
  if (wrapped) return { exceptionTag: tag, exceptionType: wrapped[1], exceptionMessage: wrapped[2] ?? '' };
  const comma = rest.indexOf(', ');
  const [type, value] = comma === -1 ? [rest, ''] : [rest.slice(0, comma), rest.slice(comma + 2)];
  return { exceptionTag: tag, exceptionType: type, exceptionMessage: value };
}

/** `SR.__str__`: the whole uuid, or its first 4 characters and the name label. */
function srOfTreeDump(sr: string): SmlogMessageFields {
  if (WHOLE_UUID.test(sr)) return { srUuid: sr };
  const named = /^([0-9a-f]{4}) \('([\s\S]*)'\)$/.exec(sr);
  return named ? { srUuidPrefix: named[1], srName: named[2] } : {};
}

function srNamedIn(text: string): SmlogMessageFields | null {
  const named = text.includes('SR ') ? SR_NAMED.exec(text) : null;
  return named && { srUuid: named[1] };
}
