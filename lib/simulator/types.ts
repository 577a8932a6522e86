/**
 * The contract between the simulated pool (`world/`: state, GC model, backups, scenarios)
 * and the protocol servers (`xapi-server.ts`, `ssh-server.ts`) that expose it on loopback.
 */

/** The XAPI classes the simulated pool serves (records, events), in one list. */
export const XAPI_CLASSES = ['pool', 'host', 'SR', 'PBD', 'VDI', 'VBD', 'VM', 'task', 'message'] as const;
export type XapiClass = (typeof XAPI_CLASSES)[number];

/** A XAPI record with the real field names and JSON-RPC value types (see shared xapi-fields.json). */
export type XapiRecord = Record<string, unknown>;

export interface XapiChange {
  /** Monotonic; event.from tokens are built from it. */
  id: number;
  class: XapiClass;
  ref: string;
  operation: 'add' | 'mod' | 'del';
  /** The record after the change; null for `del`. */
  snapshot: XapiRecord | null;
}

export interface ChangesAnswer {
  changes: XapiChange[];
  /** Id of the last change included (or the current one when there is none). */
  lastId: number;
  /** The caller's `sinceId` is older than the kept window: it must re-sync (EVENTS_LOST). */
  lost: boolean;
}

/** Faults the scenarios switch on; the servers read them on every request. */
export interface SimFaults {
  /** XAPI refuses connections / answers 503 while true (`flapping-xapi`). */
  xapiDown: boolean;
  /** Every XAPI call hangs without answering while true (for call-timeout tests). */
  xapiHang: boolean;
  /** The next event.from answers EVENTS_LOST once, then this resets to false. */
  eventsLostOnce: boolean;
  /** SSH refuses logins while true. */
  sshDown: boolean;
}

export interface SimCredentials {
  user: string;
  password: string;
}

export interface SimHostInfo {
  ref: string;
  uuid: string;
  /** Loopback address the host answers on (127.0.0.1, 127.0.0.2, ...): XAPI and SSH bind it. */
  address: string;
}

/** A simulated XCP-ng pool. Time is simulated: `nowMs()` moves with `advance()` or a real-time driver. */
export interface SimWorld {
  readonly credentials: SimCredentials;
  readonly faults: SimFaults;
  nowMs(): number;
  /** Move simulated time forward, running the GC and backup models. */
  advance(ms: number): void;

  hosts(): SimHostInfo[];
  /** Ref of the current pool master (changes in `master-failover`). */
  masterRef(): string;

  /** The live table, read-only: read it at once, and copy what must outlive the current call. */
  allRecords(cls: XapiClass): ReadonlyMap<string, XapiRecord>;
  record(cls: XapiClass, ref: string): XapiRecord | undefined;
  /** Changes after `sinceId`, restricted to `classes` (empty = all). */
  changesSince(sinceId: number, classes: readonly XapiClass[]): ChangesAnswer;
  currentChangeId(): number;
  /** Called after every batch of changes (event.from long-polls on it). */
  onChange(listener: () => void): () => void;
  /** event.inject: records a `mod` of that object and returns the change id. */
  inject(cls: XapiClass, ref: string): number;

  /** Host-side text, in the real formats, consistent with the records at `nowMs()`. */
  vhdScan(srUuid: string): string | null;
  /** The whole SMlog of the master so far (the SSH server slices it by byte offset). */
  smlog(hostRef: string): string;
  /** `/run/<sr-uuid>.speed_log`: one bytes/s figure a line, last 10 kept; null if the file does not exist. */
  speedLog(srUuid: string): string | null;
}
