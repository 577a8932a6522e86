/**
 * Binds one server per simulated host on its loopback address (127.0.0.1, 127.0.0.2, ...),
 * all on the same port, as a pool's members all answer on 443 and 22: the xen-api client
 * follows `HOST_IS_SLAVE` by swapping only the hostname of its URL.
 */
import type { AddressInfo } from 'node:net';

/** What both `http.Server` and ssh2's `Server` offer. */
export interface Listenable {
  listen(port: number, host: string): unknown;
  address(): AddressInfo | string | null;
  close(callback?: (error?: Error) => void): unknown;
  once(event: 'listening' | 'error', listener: (error?: Error) => void): unknown;
  removeListener(event: 'listening' | 'error', listener: (error?: Error) => void): unknown;
}

export interface Binding<S extends Listenable> {
  server: S;
  address: string;
}

const RANDOM_PORT_ATTEMPTS = 5;

export function listenOn(server: Listenable, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error?: Error): void => {
      server.removeListener('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.removeListener('error', onError);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound !== null ? bound.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export function closeListener(server: Listenable): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
  });
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/**
 * Listens on every binding's address with one port and returns it. With `port` 0 the first
 * address picks a free port; if another address already has it taken, every binding is
 * closed and a new port is tried.
 */
export async function listenOnAll<S extends Listenable>(bindings: Binding<S>[], port: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const bound: S[] = [];
    try {
      let chosen = port;
      for (const { server, address } of bindings) {
        chosen = await listenOn(server, chosen, address);
        bound.push(server);
      }
      return chosen;
    } catch (error) {
      await Promise.all(bound.map(closeListener));
      if (port !== 0 || !isAddressInUse(error) || attempt >= RANDOM_PORT_ATTEMPTS) throw error;
    }
  }
}
