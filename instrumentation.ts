/**
 * Next.js calls `register()` once when a server process starts. The collector runs only in the
 * Node.js runtime; the dynamic import keeps it (ssh2, xen-api, Prisma) out of the edge bundle.
 * It is not awaited: the dashboard serves at once, whatever the pools (or the demo) take.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerCollector } = await import('./lib/collector/server-collector');
  void startServerCollector();
}
