import { describe, expect, it } from 'vitest';
import { CliError } from '../cli/io';
import { parseSimulateArgs } from './cli-args';

function failure(argv: string[]): CliError {
  try {
    parseSimulateArgs(argv);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('parseSimulateArgs', () => {
  it('reads every flag, in both spellings', () => {
    expect(parseSimulateArgs(['--scenario', 'healthy', '--xapi-port=8080', '--ssh-port', '2222', '--speed', '60', '--seed=-3'])).toEqual({
      scenarios: ['healthy'],
      xapiPort: 8080,
      sshPort: 2222,
      speed: 60,
      seed: -3,
      help: false,
    });
  });

  it('collects repeated and comma-separated scenarios once each', () => {
    expect(parseSimulateArgs(['--scenario', 'a,b', '--scenario=c', '--scenario', 'a']).scenarios).toEqual(['a', 'b', 'c']);
  });

  it('takes the scenarios from CHAINWATCH_SCENARIOS when no --scenario is given', () => {
    expect(parseSimulateArgs(['--speed', '60'], { CHAINWATCH_SCENARIOS: ' slow-sr, large ' })).toMatchObject({ scenarios: ['slow-sr', 'large'], speed: 60 });
    // A flag says more than the environment.
    expect(parseSimulateArgs(['--scenario', 'healthy'], { CHAINWATCH_SCENARIOS: 'large' }).scenarios).toEqual(['healthy']);
    expect(() => parseSimulateArgs([], { CHAINWATCH_SCENARIOS: 'a,,b' })).toThrow('CHAINWATCH_SCENARIOS must be scenario names separated by commas');
    expect(() => parseSimulateArgs([], { CHAINWATCH_SCENARIOS: ' ' })).toThrow(/missing --scenario NAME \(or CHAINWATCH_SCENARIOS\)/);
  });

  it('answers --help without requiring a scenario', () => {
    expect(parseSimulateArgs(['--help'])).toMatchObject({ help: true, scenarios: [] });
  });

  it.each([
    [['--speed', '0', '--scenario', 'a'], /--speed must be a positive number/],
    [['--speed', 'fast', '--scenario', 'a'], /--speed must be a positive number/],
    [['--xapi-port', '70000', '--scenario', 'a'], /--xapi-port must be a port number/],
    [['--ssh-port', '-1', '--scenario', 'a'], /--ssh-port must be a port number/],
    [['--seed', '1.5', '--scenario', 'a'], /--seed must be an integer/],
    [['--scenario'], /--scenario needs a value/],
    [['--scenario', '--speed', '2'], /--scenario needs a value/],
    [['--scenario', 'a,,b'], /--scenario needs a name/],
    [['--verbose', '--scenario', 'a'], /unknown option "--verbose"/],
    [['healthy'], /unknown option "healthy"/],
    [[], /missing --scenario/],
  ])('refuses %j with exit code 2', (argv, message) => {
    const error = failure(argv);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(2);
  });
});
