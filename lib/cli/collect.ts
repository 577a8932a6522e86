/**
 * `chainwatch collect`: one pool from flags (or the pools of CHAINWATCH_POOLS) into the
 * database named by DATABASE_URL. `--once` runs one full collection, prints a JSON summary and
 * runs the retention jobs once (a cron job prunes too); otherwise it collects until SIGINT or
 * SIGTERM and runs them hourly. They prune every pool of the database but the demo's, as a
 * server does (a server started with CHAINWATCH_COLLECT=0 leaves them to this command; two
 * runners on one database delete the same rows, which is harmless).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config';
import type { Logger } from '../collector/clock';
import { systemClock } from '../collector/clock';
import { collectorSettings } from '../collector/collector';
import { PoolCollector } from '../collector/pool-collector';
import type { PoolTarget } from '../collector/types';
import { startPoolLoop } from '../collector/pool-loop';
import { poolTarget, sshSettings } from '../collector/pool-targets';
import { DEFAULT_RETENTION, runRetention, startRetention } from '../collector/retention';
import { printable } from '../printable';
import { openDb } from '../db/client';
import { ensureMigrated } from '../db/ensure-db';
import { enableWriteAheadLog } from '../db/sqlite-tuning';
import { CliError, type CliIo } from './io';

export interface CollectDeps {
  env?: Record<string, string | undefined>;
  /** Resolves when a continuous collection must stop; default: the first SIGINT or SIGTERM. */
  stopSignal?: Promise<void>;
  /** Delay before the first retention run of a continuous collection (default: the runner's). */
  retentionFirstDelayMs?: number;
}

interface CollectArgs {
  once: boolean;
  targets: PoolTarget[];
}

function processSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

function parseCollectArgs(argv: string[], config: Config): CollectArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        once: { type: 'boolean', default: false },
        url: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        'ssh-port': { type: 'string' },
        'ssh-user': { type: 'string' },
        'ssh-key': { type: 'string' },
        'ssh-password': { type: 'string' },
        'no-ssh': { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new CliError(`collect: ${(err as Error).message}`);
  }
  if (values.url === undefined) {
    if (values.user !== undefined || values.password !== undefined) throw new CliError('collect: --user and --password go with --url.');
    if (config.pools.length === 0) throw new CliError('collect: give --url URL --user U --password P, or set CHAINWATCH_POOLS.');
    return { once: values.once, targets: config.pools.map(poolTarget) };
  }
  if (values.user === undefined || values.password === undefined) throw new CliError('collect: --url needs --user and --password.');
  let sshPort: number | undefined;
  if (values['ssh-port'] !== undefined) {
    sshPort = Number(values['ssh-port']);
    if (!Number.isInteger(sshPort) || sshPort < 1 || sshPort > 65535) throw new CliError('collect: --ssh-port must be a port number (1-65535).');
  }
  const host = hostOf(values.url);
  // Refused here, without repeating it: its text would otherwise become the pool's name,
  // credentials and all, and no redaction is sure to find them in text that is not a URL.
  if (host === null) throw new CliError('collect: --url is not a URL: write https://host or host[:port] (the user and password go in --user and --password).');
  const name = values.name ?? host;
  const pool = { name, user: values.user, password: values.password };
  const ssh = values['no-ssh']
    ? null
    : sshSettings(pool, { user: values['ssh-user'], password: values['ssh-password'], privateKeyPath: values['ssh-key'], port: sshPort });
  return { once: values.once, targets: [{ ...pool, url: values.url, demo: false, ssh }] };
}

/** The host (and port) of a pool URL, https by default; null when it is not a URL. */
function hostOf(url: string): string | null {
  try {
    return new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`).host || null;
  } catch {
    return null;
  }
}

/** With `--once`, problems are printed once, in the summary and its error line: the log keeps to progress. */
function stderrLogger(io: CliIo, once: boolean): Logger {
  return {
    info: (message) => io.stderr.write(`${printable(message)}\n`),
    warn: (message) => (once ? undefined : io.stderr.write(`${printable(message)}\n`)),
  };
}

export async function runCollect(argv: string[], io: CliIo, deps: CollectDeps = {}): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(deps.env ?? process.env);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`collect: ${err.message}`);
    throw err;
  }
  let args: CollectArgs;
  try {
    args = parseCollectArgs(argv, config);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`collect: ${(err as Error).message}`);
  }
  ensureMigrated(config.databaseUrl);
  const db = openDb(config.databaseUrl);
  await enableWriteAheadLog(db);
  const settings = collectorSettings(config);
  const log = stderrLogger(io, args.once);
  const collectors = args.targets.map((target) => new PoolCollector(target, settings, { db, clock: systemClock, log }));
  try {
    if (args.once) {
      const exitCode = await collectOnce(collectors, io);
      try {
        await runRetention(db, Date.now(), DEFAULT_RETENTION, { demo: false });
      } catch (err) {
        // The collection is stored: a failed pruning is said, and tried again next time.
        io.stderr.write(`chainwatch: retention failed: ${printable((err as Error).message)}\n`);
      }
      return exitCode;
    }
    const loops = collectors.map((collector, i) => startPoolLoop(collector, { clock: systemClock, initialDelayMs: i * 2_000 }));
    const retention = startRetention({ db, clock: systemClock, log, scope: { demo: false }, firstDelayMs: deps.retentionFirstDelayMs });
    await (deps.stopSignal ?? processSignal());
    await retention.stop();
    await Promise.all(loops.map((loop) => loop.stop()));
    return 0;
  } finally {
    await Promise.all(collectors.map((collector) => collector.stop()));
    await db.$disconnect();
  }
}

async function collectOnce(collectors: PoolCollector[], io: CliIo): Promise<number> {
  const totals = { pools: 0, srs: 0, vdis: 0, chains: 0, maxChainLength: 0, errors: [] as string[] };
  let failed = false;
  for (const collector of collectors) {
    try {
      const summary = await collector.collectOnce();
      totals.pools++;
      totals.srs += summary.srs;
      totals.vdis += summary.vdis;
      totals.chains += summary.chains;
      totals.maxChainLength = Math.max(totals.maxChainLength, summary.maxChainLength);
      totals.errors.push(...summary.errors);
    } catch (err) {
      failed = true;
      const message = (err as Error).message;
      totals.errors.push(message);
      io.stderr.write(`chainwatch: ${printable(message)}\n`);
    }
  }
  io.stdout.write(`${JSON.stringify(totals)}\n`);
  return failed ? 1 : 0;
}
