import { runCollectorBench } from './bench/collector';
await runCollectorBench({ storageDays: Number(process.argv[2] ?? 0.05) });
