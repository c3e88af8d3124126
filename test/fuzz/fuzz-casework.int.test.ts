import { fuzzShard } from './fuzz.js';

await fuzzShard('casework');
