import { CliError, type CliIo } from './io';

const USAGE = `Usage: chainwatch <command> [options]

Commands:
  analyze [FILE|-] [--format text|json|csv] [--reference-date YYYY-MM-DD] [--tolerance N]
      Read \`vhd-util scan\` output and/or SMlog text (auto-detected) and diagnose the VHD chains.
  collect --url URL --user U --password P [--once] [--ssh-port Q] [--ssh-user U] [--ssh-key PATH] [--no-ssh]
      Collect a pool's chains into the database named by DATABASE_URL.
  simulate --scenario NAME [--xapi-port P] [--ssh-port Q] [--speed N]
      Run the simulated XCP-ng pool.
`;

/** Runs one CLI command and returns its exit code; user errors never print a stack trace. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await (await import('./analyze')).runAnalyze(rest, io);
      case 'collect':
        return await (await import('./collect')).runCollect(rest, io);
      case 'simulate':
        return await (await import('../simulator/cli')).runSimulate(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`chainwatch: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`chainwatch: unexpected error: ${message}\n`);
    return 1;
  }
}
