// `npm run bench`: every performance figure, printed (never asserted).
import { runCollectorBench } from './collector';
import { runScanBench } from './scan';

async function main(): Promise<void> {
  console.log(`Chainwatch benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
  runScanBench();
  console.log('');
  await runCollectorBench();
  console.log('\nForecast accuracy is measured separately: npm run bench:forecast');
}

await main();
