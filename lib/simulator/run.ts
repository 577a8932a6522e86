/**
 * Starts the whole simulated pool: the world (from scenarios, or one given by a test), its
 * XAPI and SSH servers on loopback, and a clock that moves simulated time at `speed` times
 * real time (60 = one simulated minute per second).
 */
import { startSshServer, type SshServer } from './ssh-server';
import type { SimHostInfo, SimWorld } from './types';
import { startXapiServer, type XapiServer } from './xapi-server';

export interface SimulatorOptions {
  scenarios: string[];
  /** 0 or absent: a free port. */
  xapiPort?: number;
  sshPort?: number;
  /** Simulated milliseconds per real millisecond; 0 freezes time. Default 1. */
  speed?: number;
  seed?: number;
  /** Simulated time at start; default: the real time now. */
  startMs?: number;
  /** Serve this world instead of building one from `scenarios`. */
  world?: SimWorld;
  /** Real milliseconds between clock ticks. */
  tickMs?: number;
  /** Where a failure inside the clock goes (the clock keeps running). */
  onClockError?: (error: unknown) => void;
}

export interface RunningSimulator {
  /** The XAPI URL of the pool master at start. */
  xapiUrl: string;
  user: string;
  password: string;
  sshPort: number;
  hosts: SimHostInfo[];
  world: SimWorld;
  stop(): Promise<void>;
}

const DEFAULT_TICK_MS = 100;
const DEFAULT_SEED = 1;

async function buildWorld(options: SimulatorOptions): Promise<SimWorld> {
  if (options.world !== undefined) return options.world;
  // Loaded on demand: a caller that brings its own world never pays for the models.
  const { createWorld } = await import('./world');
  return createWorld({
    scenarios: options.scenarios,
    seed: options.seed ?? DEFAULT_SEED,
    startMs: options.startMs ?? Date.now(),
  });
}

/** Advances `world` by the real time elapsed since the last tick, times `speed`. */
function startClock(world: SimWorld, options: SimulatorOptions, afterTick: () => void): () => void {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) return () => undefined;
  let lastMs = performance.now();
  const timer = setInterval(() => {
    const nowMs = performance.now();
    const elapsedMs = nowMs - lastMs;
    lastMs = nowMs;
    try {
      world.advance(elapsedMs * speed);
      afterTick();
    } catch (error) {
      (options.onClockError ?? ((failure) => console.error('simulator clock:', failure)))(error);
    }
  }, options.tickMs ?? DEFAULT_TICK_MS);
  // The servers keep the process alive; the clock alone must not.
  timer.unref();
  return () => clearInterval(timer);
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed < 0) throw new Error(`Bad simulator speed: ${speed}`);
  const world = await buildWorld(options);
  const xapi: XapiServer = await startXapiServer({ world, port: options.xapiPort ?? 0 });
  let ssh: SshServer;
  try {
    ssh = await startSshServer({ world, port: options.sshPort ?? 0 });
  } catch (error) {
    await xapi.stop();
    throw error;
  }
  const stopClock = startClock(world, options, () => void xapi.syncFaults());
  const hosts = world.hosts();
  const master = hosts.find((host) => host.ref === world.masterRef()) ?? hosts[0];
  let stopping: Promise<void> | undefined;
  return {
    xapiUrl: xapi.url(master.address),
    user: world.credentials.user,
    password: world.credentials.password,
    sshPort: ssh.port,
    hosts,
    world,
    stop() {
      stopping ??= (async () => {
        stopClock();
        await Promise.all([xapi.stop(), ssh.stop()]);
      })();
      return stopping;
    },
  };
}
