/**
 * `chainwatch simulate` (and `npm run simulate -- ...`, which runs this file with tsx): starts
 * the simulated pool, prints one JSON line with how to reach it, and serves until SIGINT or
 * SIGTERM. Bad flags and unknown scenarios exit with code 2 and a sentence on stderr.
 */
import { pathToFileURL } from 'node:url';
import { CliError, type CliIo } from '../cli/io';
import { parseSimulateArgs, SIMULATE_USAGE } from './cli-args';
import { unknownScenariosMessage } from './scenario-list';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './run';

export interface SimulateDeps {
  start?: (options: SimulatorOptions) => Promise<RunningSimulator>;
  /** Names of the scenarios the world knows. */
  knownScenarios?: () => Promise<string[]>;
  /** Resolves when the simulator must stop; default: the first SIGINT or SIGTERM. */
  stopSignal?: Promise<void>;
  env?: Record<string, string | undefined>;
}

function processSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

async function worldScenarios(): Promise<string[]> {
  const { scenarioNames } = await import('./scenarios');
  return scenarioNames();
}

export async function runSimulate(argv: string[], io: CliIo, deps: SimulateDeps = {}): Promise<number> {
  const args = parseSimulateArgs(argv, deps.env ?? process.env);
  if (args.help) {
    io.stdout.write(SIMULATE_USAGE);
    return 0;
  }
  const known = await (deps.knownScenarios ?? worldScenarios)();
  const unknown = unknownScenariosMessage(args.scenarios, known);
  if (unknown !== null) throw new CliError(unknown);
  const simulator = await (deps.start ?? startSimulator)({
    scenarios: args.scenarios,
    xapiPort: args.xapiPort,
    sshPort: args.sshPort,
    speed: args.speed,
    seed: args.seed,
  });
  const { xapiUrl, user, password, sshPort, hosts } = simulator;
  io.stdout.write(`${JSON.stringify({ xapiUrl, user, password, sshPort, scenarios: args.scenarios, hosts })}\n`);
  // Listening for signals only now: a Ctrl-C during start-up still kills the process.
  await (deps.stopSignal ?? processSignal());
  await simulator.stop();
  return 0;
}

/** `tsx lib/simulator/cli.ts ...`: the same errors as `chainwatch simulate`, without a stack trace. */
async function runAsScript(): Promise<void> {
  try {
    process.exitCode = await runSimulate(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`chainwatch simulate: ${message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void runAsScript();
