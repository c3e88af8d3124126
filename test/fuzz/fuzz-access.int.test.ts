import { fuzzShard } from './fuzz.js';

await fuzzShard('access');
