/**
 * The part of the `xen-api` npm client (plain JavaScript, no bundled types) that Chainwatch
 * uses, as read from its source (packages/xen-api/index.mjs).
 */
declare module 'xen-api' {
  import type { EventEmitter } from 'node:events';

  export interface XenApiOptions {
    url: string;
    auth?: { user: string; password: string } | { sessionId: string };
    allowUnauthorized?: boolean;
    readOnly?: boolean;
    /** false: no event loop; an array: only these classes. */
    watchEvents?: boolean | string[];
    /** In ms: one value, per method (`'*'` for the rest), or a function of (method, args). */
    callTimeout?: number | Record<string, number> | ((method: string, args: unknown[]) => number);
    /** Retries of read-only calls on ECONNRESET (default 10 tries, 1 s apart). */
    roCallRetryOptions?: { tries?: number; delay?: number };
    /** Pause after a failed event.from, in ms (default one minute). */
    eventPollDelay?: number;
    debounce?: number;
    transport?: 'auto' | 'json-rpc' | 'xml-rpc';
  }

  /** A XAPI failure as the client surfaces it. */
  export interface XapiError extends Error {
    code: string;
    params: string[];
  }

  /** A cached record: the XAPI fields plus `$ref`, `$id` (uuid or ref) and `$type`. */
  export type XapiObject = Record<string, unknown> & { $ref: string; $id: string; $type: string };

  export interface XapiCollection {
    all: Record<string, XapiObject>;
    size: number;
  }

  export class Xapi extends EventEmitter {
    readonly status: 'connected' | 'connecting' | 'disconnected';
    readonly pool: XapiObject | null;
    readonly objects: XapiCollection;
    readonly objectsFetched: Promise<void>;
    readonly sessionId: string;
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
    getAllRecords(type: string): Promise<XapiObject[]>;
    getRecord(type: string, ref: string): Promise<XapiObject>;
    getObjectByRef(ref: string, defaultValue?: unknown): XapiObject | undefined;
  }

  export function createClient(options: XenApiOptions): Xapi;
}
