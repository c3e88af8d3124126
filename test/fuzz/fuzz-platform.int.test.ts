import { fuzzShard } from './fuzz.js';

await fuzzShard('platform');
