import { storageBench } from './bench/collector';
await storageBench(Number(process.argv[2]));
