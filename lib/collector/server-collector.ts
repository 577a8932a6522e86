/**
 * The collector inside the Next server: started once per process from `instrumentation.ts`
 * (kept on globalThis, so a dev hot reload does not start a second one), stopped on SIGTERM
 * or SIGINT. Any failure to start is logged; the dashboard keeps serving what is stored.
 */
import { loadConfig } from '../config';
import { db } from '../db/client';
import { consoleLogger } from './clock';
import { startCollector, type RunningCollector } from './collector';

const holder = globalThis as unknown as { chainwatchCollector?: Promise<RunningCollector | null> };

export function startServerCollector(env: Record<string, string | undefined> = process.env): Promise<RunningCollector | null> {
  holder.chainwatchCollector ??= (async () => {
    try {
      const config = loadConfig(env);
      if (!config.collectInServer) {
        consoleLogger.info('CHAINWATCH_COLLECT=0: the dashboard does not collect (run `chainwatch collect` instead)');
        return null;
      }
      const running = await startCollector({ config, db: db() });
      const stop = () => void running.stop();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return running;
    } catch (err) {
      consoleLogger.warn(`collector not started: ${(err as Error).message}`);
      return null;
    }
  })();
  return holder.chainwatchCollector;
}
