/**
 * The XAPI methods the simulator answers, with xapi's checks in xapi's order: a pool member
 * that is not the master answers every call with `HOST_IS_SLAVE [<master address>]`; then an
 * unknown method is `MESSAGE_METHOD_UNKNOWN [<method>]`, a wrong argument count
 * `MESSAGE_PARAMETER_COUNT_MISMATCH [<method>, <expected>, <received>]`, an unknown session
 * `SESSION_INVALID [<session>]`. Only reads exist here (plus sessions and `event.inject`, which
 * touches a row without changing it): any write method is simply unknown, so the simulated
 * pool can never be changed through its API.
 */
import { randomUUID } from 'node:crypto';
import { FilterSyntaxError, parseRecordFilter } from './db-filter';
import { RecordsResult, XapiError } from './jsonrpc';
import { XAPI_CLASSES, type SimWorld, type XapiClass, type XapiRecord } from './types';
import type { Waker } from './waker';
import {
  eventToken,
  eventsFromChanges,
  eventsFromRecords,
  parseEventToken,
  parseSubscription,
  validRefCounts,
  xapiClassOf,
} from './xapi-events';

export interface CallContext {
  /** The host whose address received the call. */
  hostRef: string;
  /** Aborted when the client went away or the server is stopping. */
  signal: AbortSignal;
}

interface MethodSpec {
  minArgs: number;
  maxArgs: number;
  needsSession: boolean;
  run(args: unknown[], context: CallContext): unknown;
}

/** Like xapi, drop the oldest sessions beyond a limit: clients that never log out cannot exhaust memory. */
const MAX_SESSIONS = 500;
/** An `event.from` never waits longer than this, whatever timeout the client asks for. */
const MAX_EVENT_WAIT_MS = 10 * 60 * 1000;

export class XapiMethods {
  private readonly sessions = new Map<string, string>();
  private readonly methods = new Map<string, MethodSpec>();

  constructor(
    private readonly world: SimWorld,
    private readonly waker: Waker,
  ) {
    this.define('session.login_with_password', 2, 4, false, ([user, password]) => this.login(user, password));
    this.define('session.logout', 1, 1, true, ([session]) => this.logout(String(session)));
    this.define('system.listMethods', 0, 0, false, () => [...this.methods.keys()].sort());
    this.define('event.inject', 3, 3, true, ([, cls, ref]) => this.inject(cls, ref));
    this.define('event.from', 4, 4, true, (args, context) => this.eventFrom(args, context));
    for (const cls of XAPI_CLASSES) this.defineRecordReads(cls);
  }

  /** Runs one call; failures are thrown as `XapiError`. */
  async call(method: string, args: unknown[], context: CallContext): Promise<unknown> {
    this.assertMaster(context);
    const spec = this.methods.get(method);
    if (spec === undefined) throw new XapiError('MESSAGE_METHOD_UNKNOWN', [method]);
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      throw new XapiError('MESSAGE_PARAMETER_COUNT_MISMATCH', [method, String(spec.maxArgs), String(args.length)]);
    }
    if (spec.needsSession) this.assertSession(args[0]);
    return spec.run(args, context);
  }

  private define(name: string, minArgs: number, maxArgs: number, needsSession: boolean, run: MethodSpec['run']): void {
    this.methods.set(name, { minArgs, maxArgs, needsSession, run });
  }

  private defineRecordReads(cls: XapiClass): void {
    this.define(`${cls}.get_all_records`, 1, 1, true, () => new RecordsResult(new Map(this.world.allRecords(cls))));
    this.define(`${cls}.get_all_records_where`, 2, 2, true, ([, expr]) => {
      const keep = this.recordFilter(expr);
      const kept = new Map<string, XapiRecord>();
      for (const [ref, record] of this.world.allRecords(cls)) if (keep(record)) kept.set(ref, record);
      return new RecordsResult(kept);
    });
    this.define(`${cls}.get_record`, 2, 2, true, ([, ref]) => {
      const record = typeof ref === 'string' ? this.world.record(cls, ref) : undefined;
      if (record === undefined) throw new XapiError('HANDLE_INVALID', [cls, String(ref)]);
      return record;
    });
    this.define(`${cls}.get_by_uuid`, 2, 2, true, ([, uuid]) => {
      for (const [ref, record] of this.world.allRecords(cls)) if (record.uuid === uuid) return ref;
      throw new XapiError('UUID_INVALID', [cls, String(uuid)]);
    });
  }

  /** xapi fails a malformed expression as an internal error of its database layer. */
  private recordFilter(expr: unknown) {
    if (typeof expr !== 'string') throw new XapiError('FIELD_TYPE_ERROR', ['expr']);
    try {
      return parseRecordFilter(expr);
    } catch (err) {
      if (err instanceof FilterSyntaxError) throw new XapiError('INTERNAL_ERROR', [`Db_filter: ${err.message}`]);
      throw err;
    }
  }

  private assertMaster(context: CallContext): void {
    const masterRef = this.world.masterRef();
    if (context.hostRef === masterRef) return;
    const master = this.world.hosts().find((host) => host.ref === masterRef);
    throw new XapiError('HOST_IS_SLAVE', [master?.address ?? '']);
  }

  private assertSession(session: unknown): void {
    if (typeof session !== 'string' || !this.sessions.has(session)) {
      throw new XapiError('SESSION_INVALID', [String(session)]);
    }
  }

  private login(user: unknown, password: unknown): string {
    const { credentials } = this.world;
    if (user !== credentials.user || password !== credentials.password) {
      throw new XapiError('SESSION_AUTHENTICATION_FAILED', [String(user), 'Authentication failure']);
    }
    const session = `OpaqueRef:${randomUUID()}`;
    this.sessions.set(session, credentials.user);
    if (this.sessions.size > MAX_SESSIONS) this.dropSession(this.sessions.keys().next().value as string);
    return session;
  }

  /** A void XAPI method answers JSON null. */
  private logout(session: string): null {
    this.dropSession(session);
    return null;
  }

  private dropSession(session: string): void {
    this.sessions.delete(session);
    // A pending event.from of that session must now answer SESSION_INVALID.
    this.waker.wake();
  }

  /** xapi returns the token just before the touched row, so the next event.from sees it. */
  private inject(className: unknown, ref: unknown): string {
    const cls = typeof className === 'string' ? xapiClassOf(className) : undefined;
    if (cls === undefined || typeof ref !== 'string' || this.world.record(cls, ref) === undefined) {
      throw new XapiError('HANDLE_INVALID', [String(className), String(ref)]);
    }
    return eventToken(this.world.inject(cls, ref) - 1);
  }

  private async eventFrom([session, classes, token, timeout]: unknown[], context: CallContext): Promise<unknown> {
    if (!Array.isArray(classes) || !classes.every((name) => typeof name === 'string')) {
      throw new XapiError('FIELD_TYPE_ERROR', ['classes']);
    }
    if (typeof token !== 'string') throw new XapiError('FIELD_TYPE_ERROR', ['token']);
    if (typeof timeout !== 'number' || !Number.isFinite(timeout)) throw new XapiError('FIELD_TYPE_ERROR', ['timeout']);
    const since = parseEventToken(token);
    if (since === null) throw new XapiError('EVENT_FROM_TOKEN_PARSE_FAILURE', [token]);
    const subscription = parseSubscription(classes);
    if (token === '') {
      const events = eventsFromRecords(this.world, subscription);
      return { events, valid_ref_counts: validRefCounts(this.world), token: eventToken(this.world.currentChangeId()) };
    }
    const deadlineMs = Date.now() + Math.min(Math.max(timeout, 0) * 1000, MAX_EVENT_WAIT_MS);
    let fromId = since;
    for (;;) {
      this.assertMaster(context);
      this.assertSession(session);
      const { faults } = this.world;
      if (faults.eventsLostOnce) {
        faults.eventsLostOnce = false;
        throw new XapiError('EVENTS_LOST');
      }
      // A token from the future means the pool was rebuilt: the client must re-sync.
      if (fromId > this.world.currentChangeId()) throw new XapiError('EVENTS_LOST');
      const answer =
        subscription.classes.size === 0
          ? { changes: [], lastId: this.world.currentChangeId(), lost: false }
          : this.world.changesSince(fromId, [...subscription.classes]);
      if (answer.lost) throw new XapiError('EVENTS_LOST');
      const events = eventsFromChanges(answer.changes, subscription);
      fromId = Math.max(fromId, answer.lastId);
      if (events.length > 0 || Date.now() >= deadlineMs || context.signal.aborted) {
        return { events, valid_ref_counts: validRefCounts(this.world), token: eventToken(fromId) };
      }
      await this.waker.wait(deadlineMs - Date.now(), context.signal);
    }
  }
}
