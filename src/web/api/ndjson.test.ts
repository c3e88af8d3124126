import { describe, expect, it } from 'vitest';
import { ndjsonReader } from './ndjson';

describe('reading newline-delimited JSON as it arrives', () => {
  it('gives each complete line once, keeps a partial line for later, and takes the last line at the end', () => {
    const reader = ndjsonReader<{ n: number }>();
    expect(reader.push('{"n":1}\n{"n"')).toEqual([{ n: 1 }]);
    expect(reader.push('{"n":1}\n{"n":2}\n\n')).toEqual([{ n: 2 }]);
    expect(reader.push('{"n":1}\n{"n":2}\n\n{"n":3}', true)).toEqual([{ n: 3 }]);
    expect(reader.push('{"n":1}\n{"n":2}\n\n{"n":3}', true)).toEqual([]);
  });
});
