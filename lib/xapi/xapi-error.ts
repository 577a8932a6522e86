/**
 * What went wrong talking to a pool, sorted by what the collector does about it, with a
 * sentence a person can act on. Messages name the pool and the URL, never a password.
 */
export type XapiFailureKind =
  | 'auth'
  | 'unreachable'
  | 'timeout'
  | 'host-is-slave'
  | 'events-lost'
  | 'session-invalid'
  | 'other';

export class XapiFailure extends Error {
  constructor(
    readonly kind: XapiFailureKind,
    message: string,
    /** XAPI error code when XAPI answered with one. */
    readonly code: string | null = null,
    readonly params: string[] = [],
  ) {
    super(message);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function networkCode(err: unknown): string | null {
  for (let cur: unknown = err, depth = 0; cur !== null && typeof cur === 'object' && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * `url` without the user and password it may carry (`https://root:pw@host`): fit for logs and
 * the database. Everything up to the last `@` goes, so a password holding `@` or `/` leaves
 * nothing behind (a pool URL has no `@` of its own).
 */
export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  const at = url.lastIndexOf('@');
  return at < scheme.length ? url : scheme + url.slice(at + 1);
}

/** Sorts any error thrown by the xen-api client (or its transport) into a XapiFailure. */
export function classifyXapiError(err: unknown, poolName: string, rawUrl: string): XapiFailure {
  if (err instanceof XapiFailure) return err;
  const url = redactUrl(rawUrl);
  const e = (err ?? {}) as { code?: unknown; params?: unknown; message?: unknown; name?: unknown; clientVersion?: unknown };
  if (e.clientVersion !== undefined) {
    // A Prisma error: the database, not the pool, failed.
    const detail = String(e.message ?? err).trim().split('\n').pop();
    return new XapiFailure('other', `Pool ${poolName}: cannot store the collection (${detail})`);
  }
  // xen-api's XapiError carries XAPI's code and its params; other errors may have a code too.
  const code = typeof e.code === 'string' && Array.isArray(e.params) ? e.code : null;
  const params = Array.isArray(e.params) ? e.params.map(String) : [];
  const message = typeof e.message === 'string' ? e.message : String(err);
  switch (code) {
    case 'SESSION_AUTHENTICATION_FAILED':
      return new XapiFailure('auth', `XAPI login failed for pool ${poolName}: check the user and password`, code, params);
    case 'HOST_IS_SLAVE':
      return new XapiFailure(
        'host-is-slave',
        `Pool ${poolName}: ${url} is not the pool master (the master is now ${params[0] ?? 'unknown'})`,
        code,
        params,
      );
    case 'EVENTS_LOST':
      return new XapiFailure('events-lost', `Pool ${poolName}: XAPI dropped events; re-reading every record`, code, params);
    case 'SESSION_INVALID':
      return new XapiFailure('session-invalid', `Pool ${poolName}: the XAPI session expired`, code, params);
  }
  if (e.name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return new XapiFailure('timeout', `Pool ${poolName}: XAPI at ${url} did not answer in time`, code);
  }
  const net = networkCode(err);
  if (net !== null || /unexpect statusCode 5\d\d/.test(message)) {
    return new XapiFailure('unreachable', `Pool ${poolName}: cannot reach XAPI at ${url} (${net ?? message})`, net);
  }
  if (code !== null) return new XapiFailure('other', `Pool ${poolName}: XAPI error ${code}(${params.join(', ')})`, code, params);
  return new XapiFailure('other', `Pool ${poolName}: ${message}`);
}
