/**
 * Flags of `chainwatch simulate` / `npm run simulate --`:
 * `--scenario NAME` (repeatable, or comma-separated), `--xapi-port P`, `--ssh-port Q`,
 * `--speed N`, `--seed S`; each also as `--flag=value`. Without `--scenario`, the scenarios
 * come from CHAINWATCH_SCENARIOS (comma-separated), as the dashboard's demo takes them.
 */
import { CliError } from '../cli/io';
import { parseScenarioList } from './scenario-list';

export interface SimulateArgs {
  scenarios: string[];
  xapiPort?: number;
  sshPort?: number;
  speed?: number;
  seed?: number;
  help: boolean;
}

export const SIMULATE_USAGE = `Usage: chainwatch simulate --scenario NAME [--scenario NAME2 | --scenario a,b]
                          [--xapi-port P] [--ssh-port Q] [--speed N] [--seed S]

Without --scenario, the scenarios of CHAINWATCH_SCENARIOS (comma-separated) are served.
Serves a simulated XCP-ng pool on loopback (XAPI JSON-RPC and SSH) until SIGINT/SIGTERM and
prints one JSON line: {"xapiUrl","user","password","sshPort","scenarios","hosts"}.
  --speed N   simulated seconds per real second (default 1; 60 = a minute per second)
  --seed S    random seed of the world (same seed, same run)
  ports       0 or absent: a free port
`;

type Flag = 'scenario' | 'xapi-port' | 'ssh-port' | 'speed' | 'seed';
const FLAGS: ReadonlySet<string> = new Set<Flag>(['scenario', 'xapi-port', 'ssh-port', 'speed', 'seed']);

function port(flag: string, value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) throw new CliError(`--${flag} must be a port number (0-65535), not "${value}"`);
  return parsed;
}

function speed(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) {
    throw new CliError(`--speed must be a positive number, not "${value}"`);
  }
  return parsed;
}

function seed(value: string): number {
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed)) throw new CliError(`--seed must be an integer, not "${value}"`);
  return parsed;
}

function apply(args: SimulateArgs, flag: Flag, value: string): void {
  switch (flag) {
    case 'scenario': {
      const names = parseScenarioList(value);
      if (names === null) throw new CliError(`--scenario needs a name, or names separated by commas (not "${value}")`);
      for (const name of names) if (!args.scenarios.includes(name)) args.scenarios.push(name);
      return;
    }
    case 'xapi-port':
      args.xapiPort = port(flag, value);
      return;
    case 'ssh-port':
      args.sshPort = port(flag, value);
      return;
    case 'speed':
      args.speed = speed(value);
      return;
    case 'seed':
      args.seed = seed(value);
      return;
  }
}

export function parseSimulateArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): SimulateArgs {
  const args: SimulateArgs = { scenarios: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (match === null || !FLAGS.has(match[1])) throw new CliError(`unknown option "${arg}"\n\n${SIMULATE_USAGE}`);
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${match[1]} needs a value`);
      i += 1;
    }
    apply(args, match[1] as Flag, value);
  }
  const fromEnv = env.CHAINWATCH_SCENARIOS?.trim();
  if (!args.help && args.scenarios.length === 0 && fromEnv) {
    const names = parseScenarioList(fromEnv);
    if (names === null) throw new CliError('CHAINWATCH_SCENARIOS must be scenario names separated by commas, as --scenario a,b');
    args.scenarios.push(...names);
  }
  if (!args.help && args.scenarios.length === 0) throw new CliError(`missing --scenario NAME (or CHAINWATCH_SCENARIOS)\n\n${SIMULATE_USAGE}`);
  return args;
}
