/**
 * A read-only XAPI session over the `xen-api` client: login (which follows HOST_IS_SLAVE to
 * the master by itself), `<class>.get_all_records`, `event.inject` and `event.from`.
 */
import { createClient, type Xapi, type XenApiOptions } from 'xen-api';
import { classifyXapiError } from './xapi-error';
import type { XapiRecord } from './record-fields';

export interface XapiEvent {
  /** Lower case from xapi (`vdi`, `sr`): compare case-insensitively. */
  class: string;
  operation: 'add' | 'mod' | 'del';
  ref: string;
  snapshot?: XapiRecord;
}

export interface EventBatch {
  events: XapiEvent[];
  token: string;
}

/** What the collector needs from a pool; faked in unit tests. */
export interface XapiSession {
  readonly poolRef: string;
  getAllRecords(cls: string): Promise<Record<string, XapiRecord>>;
  /** The records an expression of xapi's database selects (`field "SR"="OpaqueRef:…" or …`). */
  getAllRecordsWhere(cls: string, expr: string): Promise<Record<string, XapiRecord>>;
  /** A token for event.from that misses nothing from now on (xapi's own recipe: inject, then read). */
  eventToken(): Promise<string>;
  /** Waits up to `timeoutS` for changes after `token`. */
  eventFrom(classes: readonly string[], token: string, timeoutS: number): Promise<EventBatch>;
  close(): Promise<void>;
}

export interface XapiConnectOptions {
  poolName: string;
  url: string;
  user: string;
  password: string;
  /** Any call slower than this fails as a timeout (a hung pool). */
  callTimeoutMs: number;
  /** The longest event.from wait the collector asks for; its call timeout adds this. */
  eventWaitMs: number;
}

/** Internals of the xen-api client used here, read from its source (index.mjs, 4.7). */
interface XapiInternals {
  /**
   * `call()` admits only `*.get_*` methods in read-only mode. event.from and event.inject
   * change nothing on the pool (the client's own event watcher calls them in read-only mode),
   * so they go through the session call directly; no other method does.
   */
  _sessionCall(method: string, args: unknown[]): Promise<unknown>;
  /** Its undici dispatcher keeps sockets open; destroying it ends a pending event.from and lets a CLI run exit. */
  _undiciDispatcher?: { destroy(): Promise<void> };
}

/** A kept-alive socket the server closed while idle fails the next request this way. */
const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

/** Runs a read once more when it failed on a stale socket (safe: every call here only reads). */
async function retryOnStaleSocket<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const code = (err as { code?: unknown; cause?: { code?: unknown } }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
    if (typeof code !== 'string' || !STALE_SOCKET_CODES.has(code)) throw err;
    return call();
  }
}

class XenApiSession implements XapiSession {
  constructor(
    private readonly xapi: Xapi,
    private readonly options: XapiConnectOptions,
    readonly poolRef: string,
  ) {}

  private fail(err: unknown): never {
    throw classifyXapiError(err, this.options.poolName, this.options.url);
  }

  async getAllRecords(cls: string): Promise<Record<string, XapiRecord>> {
    try {
      return await retryOnStaleSocket(() => this.xapi.call<Record<string, XapiRecord>>(`${cls}.get_all_records`));
    } catch (err) {
      this.fail(err);
    }
  }

  async getAllRecordsWhere(cls: string, expr: string): Promise<Record<string, XapiRecord>> {
    try {
      return await retryOnStaleSocket(() => this.xapi.call<Record<string, XapiRecord>>(`${cls}.get_all_records_where`, expr));
    } catch (err) {
      this.fail(err);
    }
  }

  async eventToken(): Promise<string> {
    try {
      return String(await retryOnStaleSocket(() => this.internals()._sessionCall('event.inject', ['pool', this.poolRef])));
    } catch (err) {
      this.fail(err);
    }
  }

  async eventFrom(classes: readonly string[], token: string, timeoutS: number): Promise<EventBatch> {
    try {
      // A float: XML-RPC would otherwise send an int where xapi wants a double. A millisecond,
      // not more: a timeout of 0 (a full collection catching up) must not wait for events.
      const call = () => this.internals()._sessionCall('event.from', [[...classes], token, timeoutS + 0.001]);
      const result = (await retryOnStaleSocket(call)) as {
        events?: XapiEvent[];
        token?: string;
      };
      return { events: Array.isArray(result.events) ? result.events : [], token: String(result.token ?? token) };
    } catch (err) {
      this.fail(err);
    }
  }

  async close(): Promise<void> {
    await this.xapi.disconnect().catch(() => undefined);
    await this.internals()._undiciDispatcher?.destroy().catch(() => undefined);
  }

  private internals(): XapiInternals {
    return this.xapi as unknown as XapiInternals;
  }
}

export async function connectXapi(options: XapiConnectOptions): Promise<XapiSession> {
  const clientOptions = {
    url: options.url,
    auth: { user: options.user, password: options.password },
    allowUnauthorized: true,
    readOnly: true,
    watchEvents: false,
    // xen-api takes a per-method map: event.from may wait `eventWaitMs` on purpose.
    callTimeout: { 'event.from': options.eventWaitMs + options.callTimeoutMs, '*': options.callTimeoutMs },
    roCallRetryOptions: { tries: 2, delay: 200 },
  };
  const xapi = createClient(clientOptions as unknown as XenApiOptions);
  try {
    await xapi.connect();
  } catch (err) {
    await new XenApiSession(xapi, options, '').close();
    throw classifyXapiError(err, options.poolName, options.url);
  }
  const poolRef = xapi.pool?.$ref;
  if (typeof poolRef !== 'string') {
    await new XenApiSession(xapi, options, '').close();
    throw classifyXapiError(new Error('XAPI returned no pool record'), options.poolName, options.url);
  }
  return new XenApiSession(xapi, options, poolRef);
}
