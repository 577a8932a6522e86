/**
 * The simulated pool's XAPI over HTTP JSON-RPC, as the xen-api npm client reaches it: a POST
 * to `<url>/jsonrpc` answered with `Content-Type: application/json` exactly (anything else
 * makes the client fall back to XML-RPC). One listener per host address on one port; only
 * the current master answers, the others say `HOST_IS_SLAVE`.
 *
 * Faults (read on every request and re-applied by `syncFaults`): `xapiDown` closes the
 * listeners and drops every connection, so clients see "connection refused" as during a
 * toolstack restart (a connection that races the flip is reset instead); `xapiHang` holds
 * every call unanswered until it clears or the server stops; `eventsLostOnce` is handled by
 * `event.from`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseRpcRequest, RecordsResult, rpcFailure, rpcResult, rpcResultPieces, XapiError, type AnswerPieces, type RpcRequest } from './jsonrpc';
import { closeListener, listenOnAll, type Binding } from './loopback-listeners';
import type { SimWorld } from './types';
import { Waker } from './waker';
import { XapiMethods } from './xapi-methods';

export interface XapiServerOptions {
  world: SimWorld;
  /** 0 (the default) picks a free port, the same on every host address. */
  port?: number;
  maxBodyBytes?: number;
  /** How often faults are re-read when no request comes in. */
  faultPollMs?: number;
}

export interface XapiServer {
  readonly port: number;
  /** `http://<address>:<port>`, by default the first host's. */
  url(address?: string): string;
  /** Applies the current faults now (also done on a timer). */
  syncFaults(): Promise<void>;
  /** Calls received and not answered yet (long polls, hung calls). */
  pendingCalls(): number;
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_FAULT_POLL_MS = 100;
/** A hung call re-checks the faults at least this often even if nobody wakes it. */
const HANG_RECHECK_MS = 60_000;

function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** Resolves when `response` can take more, or when the call is aborted (the client went away). */
function drained(response: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    response.once('drain', done);
    signal.addEventListener('abort', done);
  });
}

/** About this many bytes are handed to the socket at once (one writev), between waits for it to drain. */
const WRITE_BATCH_BYTES = 256 * 1024;

/** A 200 answer written from its pieces (with its length: no chunked framing), waiting whenever the socket is full. */
async function sendPieces(response: ServerResponse, answer: AnswerPieces, signal: AbortSignal): Promise<void> {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': answer.bytes });
  const { pieces } = answer;
  let next = 0;
  while (next < pieces.length) {
    if (signal.aborted) return;
    response.cork();
    let batch = 0;
    let ok = true;
    while (next < pieces.length && batch < WRITE_BATCH_BYTES) {
      batch += pieces[next].length;
      ok = response.write(pieces[next++]);
    }
    response.uncork();
    if (!ok) await drained(response, signal);
  }
  if (!signal.aborted) response.end();
}

export async function startXapiServer(options: XapiServerOptions): Promise<XapiServer> {
  const { world } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const waker = new Waker();
  const methods = new XapiMethods(world, waker);
  const sockets = new Set<Socket>();
  const stopping = new AbortController();
  let pending = 0;
  let down = false;
  let lastFaults = '';
  let syncing = Promise.resolve();

  function dropConnections(): void {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  }

  /** The answer's text, or its pieces when it is large (see RecordsResult). */
  async function answer(request: RpcRequest, hostRef: string, signal: AbortSignal): Promise<string | AnswerPieces> {
    try {
      const result = await methods.call(request.method, request.params, { hostRef, signal });
      return result instanceof RecordsResult ? rpcResultPieces(request, result) : rpcResult(request, result);
    } catch (error) {
      const failure = error instanceof XapiError ? error : new XapiError('INTERNAL_ERROR', [String(error)]);
      return rpcFailure(request, failure);
    }
  }

  /** Between a fault flip and the next sync, connections are reset rather than refused. */
  function resetWhileDown(socket: Socket): boolean {
    if (!world.faults.xapiDown) return false;
    socket.destroy();
    void syncFaults();
    return true;
  }

  async function handle(hostRef: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (resetWhileDown(request.socket)) return;
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'POST' || path !== '/jsonrpc') {
      send(response, 404, 'text/plain', 'not found\n');
      return;
    }
    const call = new AbortController();
    const abort = (): void => call.abort();
    response.on('close', abort);
    stopping.signal.addEventListener('abort', abort);
    pending += 1;
    try {
      const body = await readBody(request, maxBodyBytes);
      if (body === null) {
        response.setHeader('Connection', 'close');
        send(response, 413, 'text/plain', 'request body too large\n');
        return;
      }
      while (world.faults.xapiHang && !call.signal.aborted) await waker.wait(HANG_RECHECK_MS, call.signal);
      if (call.signal.aborted || resetWhileDown(request.socket)) return;
      const parsed = parseRpcRequest(body);
      const payload = parsed.ok ? await answer(parsed.request, hostRef, call.signal) : parsed.response;
      if (call.signal.aborted) return;
      if (typeof payload === 'string') send(response, 200, 'application/json', payload);
      else await sendPieces(response, payload, call.signal);
    } catch {
      request.socket.destroy();
    } finally {
      pending -= 1;
      stopping.signal.removeEventListener('abort', abort);
    }
  }

  const bindings: Binding<http.Server>[] = world.hosts().map((host) => {
    const server = http.createServer((request, response) => void handle(host.ref, request, response));
    server.on('connection', (socket) => {
      if (stopping.signal.aborted) {
        socket.destroy();
        return;
      }
      if (resetWhileDown(socket)) return;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    // Errors after listening (a failed accept) must not take the process down.
    server.on('error', () => undefined);
    return { server, address: host.address };
  });
  const port = await listenOnAll(bindings, options.port ?? 0);

  async function applyFaults(): Promise<void> {
    const { xapiDown, xapiHang, eventsLostOnce } = world.faults;
    const key = `${xapiDown}/${xapiHang}/${eventsLostOnce}`;
    if (key !== lastFaults) {
      lastFaults = key;
      waker.wake();
    }
    if (stopping.signal.aborted) return;
    if (xapiDown && !down) {
      down = true;
      dropConnections();
      await Promise.all(bindings.map(({ server }) => closeListener(server)));
    } else if (!xapiDown && down) {
      try {
        await listenOnAll(bindings, port);
        down = false;
      } catch {
        // The port is briefly taken; the next sync tries again.
      }
    }
  }

  function syncFaults(): Promise<void> {
    syncing = syncing.then(applyFaults);
    return syncing;
  }

  const unsubscribe = world.onChange(() => waker.wake());
  const timer = setInterval(() => void syncFaults(), options.faultPollMs ?? DEFAULT_FAULT_POLL_MS);
  timer.unref();
  await syncFaults();

  return {
    port,
    url: (address = bindings[0].address) => `http://${address}:${port}`,
    syncFaults,
    pendingCalls: () => pending,
    async stop() {
      if (stopping.signal.aborted) return;
      stopping.abort();
      clearInterval(timer);
      unsubscribe();
      waker.wake();
      await syncing;
      dropConnections();
      if (!down) await Promise.all(bindings.map(({ server }) => closeListener(server)));
    },
  };
}
