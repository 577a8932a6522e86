import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const pool = { name: 'prod', url: 'https://10.0.0.1', user: 'root', password: 's3cret-pw' };

describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: 'file:./data/chainwatch.db',
      pools: [],
      demo: true,
      demoScenarios: null,
      collectIntervalMs: 60_000,
      sshIntervalMs: 60_000,
      xoTolerance: 1,
      callTimeoutMs: 30_000,
      collectInServer: true,
    });
  });

  it('parses pools with optional SSH and the numeric settings', () => {
    const config = loadConfig({
      CHAINWATCH_POOLS: JSON.stringify([{ ...pool, ssh: { user: 'ops', privateKeyPath: '/k', port: 2222 } }]),
      CHAINWATCH_DEMO: '0',
      COLLECT_INTERVAL_S: '30',
      CHAINWATCH_XO_TOLERANCE: '2',
    });
    expect(config.pools).toEqual([{ ...pool, ssh: { user: 'ops', privateKeyPath: '/k', port: 2222 } }]);
    expect(config.demo).toBe(false);
    expect(config.collectIntervalMs).toBe(30_000);
    expect(config.xoTolerance).toBe(2);
  });

  it('reads the demo’s scenarios from CHAINWATCH_SCENARIOS', () => {
    expect(loadConfig({ CHAINWATCH_SCENARIOS: 'large, hostile-names,large' }).demoScenarios).toEqual(['large', 'hostile-names']);
    expect(loadConfig({ CHAINWATCH_SCENARIOS: ' ' }).demoScenarios).toBeNull();
    expect(() => loadConfig({ CHAINWATCH_SCENARIOS: 'healthy;rm -rf' })).toThrow(/CHAINWATCH_SCENARIOS must be scenario names separated by commas/);
  });

  it('names the problem without echoing the password', () => {
    const bad = [{ ...pool, url: 7 }];
    const error = (() => {
      try {
        loadConfig({ CHAINWATCH_POOLS: JSON.stringify(bad) });
      } catch (err) {
        return err as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/CHAINWATCH_POOLS: 0\.url/);
    expect(error?.message).not.toContain('s3cret-pw');
  });

  it('rejects invalid JSON, duplicate names and out-of-range numbers', () => {
    expect(() => loadConfig({ CHAINWATCH_POOLS: '[{' })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ CHAINWATCH_POOLS: JSON.stringify([pool, pool]) })).toThrow(/used twice/);
    expect(() => loadConfig({ COLLECT_INTERVAL_S: '1' })).toThrow(/COLLECT_INTERVAL_S must be a whole number from 5/);
  });
});
