// `npm run bench`: every performance figure, printed (never asserted).
import { runScanBench } from './scan';

async function main(): Promise<void> {
  console.log(`Chainwatch benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
  runScanBench();
}

await main();
