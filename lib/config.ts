/**
 * Every environment variable Chainwatch reads, parsed once with zod. Errors name the variable
 * and say what to write; they never echo a value (CHAINWATCH_POOLS holds passwords).
 */
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/database-url';
import { parseScenarioList } from './simulator/scenario-list';

const sshSchema = z
  .object({
    user: z.string().min(1).optional(),
    password: z.string().optional(),
    privateKeyPath: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
  })
  .strict();

const poolSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: z.string().min(1),
    user: z.string().min(1),
    password: z.string(),
    /** Absent: XAPI only (no scan, SMlog or speed log). */
    ssh: sshSchema.optional(),
  })
  .strict();

export type SshConfig = z.infer<typeof sshSchema>;
export type PoolConfig = z.infer<typeof poolSchema>;

export interface Config {
  databaseUrl: string;
  /** Pools from CHAINWATCH_POOLS; empty when none is configured. */
  pools: PoolConfig[];
  /** Run and watch the embedded simulator when no pool is configured (CHAINWATCH_DEMO=0 turns it off). */
  demo: boolean;
  /** The demo's scenarios (CHAINWATCH_SCENARIOS, comma-separated); null: the default four. */
  demoScenarios: string[] | null;
  /** Time between full collections (records, every SR's aggregates, a run row). */
  collectIntervalMs: number;
  /** Time between SSH reads (scans, SMlog, speed logs); default: every full collection. */
  sshIntervalMs: number;
  /** XO's `maxUncoalescedVdis` (default 1). */
  xoTolerance: number;
  /** Longest wait for one XAPI call before the pool is treated as hung. */
  callTimeoutMs: number;
  /** The dashboard server runs the collector (CHAINWATCH_COLLECT=0 leaves it to `chainwatch collect`). */
  collectInServer: boolean;
}

const intFrom = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  CHAINWATCH_POOLS: z.string().optional(),
  CHAINWATCH_DEMO: z.string().optional(),
  CHAINWATCH_SCENARIOS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null;
      const names = parseScenarioList(value);
      if (names === null) {
        ctx.addIssue({ code: 'custom', message: 'CHAINWATCH_SCENARIOS must be scenario names separated by commas, as healthy,slow-sr' });
        return z.NEVER;
      }
      return names;
    }),
  COLLECT_INTERVAL_S: intFrom('COLLECT_INTERVAL_S', 5, 86_400, 60),
  CHAINWATCH_XO_TOLERANCE: intFrom('CHAINWATCH_XO_TOLERANCE', 0, 100, 1),
  CHAINWATCH_CALL_TIMEOUT_S: intFrom('CHAINWATCH_CALL_TIMEOUT_S', 1, 3_600, 30),
  CHAINWATCH_SSH_INTERVAL_S: intFrom('CHAINWATCH_SSH_INTERVAL_S', 5, 86_400, 0),
  CHAINWATCH_COLLECT: z.string().optional(),
});

/** A configuration error a person can fix from the message alone. */
export class ConfigError extends Error {}

function parsePools(raw: string | undefined): PoolConfig[] {
  if (raw === undefined || raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      'CHAINWATCH_POOLS is not valid JSON: write [{"name":"prod","url":"https://pool-master","user":"root","password":"..."}]',
    );
  }
  const parsed = z.array(poolSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`CHAINWATCH_POOLS: ${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  const names = new Set<string>();
  for (const pool of parsed.data) {
    if (names.has(pool.name)) throw new ConfigError(`CHAINWATCH_POOLS: the pool name "${pool.name}" is used twice`);
    names.add(pool.name);
  }
  return parsed.data;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues[0].message);
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    pools: parsePools(e.CHAINWATCH_POOLS),
    demo: e.CHAINWATCH_DEMO?.trim() !== '0',
    demoScenarios: e.CHAINWATCH_SCENARIOS,
    collectIntervalMs: e.COLLECT_INTERVAL_S * 1000,
    sshIntervalMs: (e.CHAINWATCH_SSH_INTERVAL_S || e.COLLECT_INTERVAL_S) * 1000,
    xoTolerance: e.CHAINWATCH_XO_TOLERANCE,
    callTimeoutMs: e.CHAINWATCH_CALL_TIMEOUT_S * 1000,
    collectInServer: e.CHAINWATCH_COLLECT?.trim() !== '0',
  };
}
