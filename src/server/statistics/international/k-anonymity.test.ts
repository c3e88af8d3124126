import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBroad } from './ctdc.js';
import { kAnonymise } from './k-anonymity.js';

type Key = 'gender' | 'age' | 'country' | 'industry';
type Rec = Record<Key, string | null>;
const ORDER: Key[][] = [['industry'], ['country'], ['age'], ['gender']];

const record = fc.record({
  gender: fc.constantFrom('female', 'male', 'other', null),
  age: fc.constantFrom('9--17', '18--20', '21--23', '30--38', '48+', null),
  country: fc.constantFrom('FI', 'TH', 'VN', 'UA', 'NG', 'RO', null),
  industry: fc.constantFrom('restaurant', 'construction', 'cleaning', null),
});
const keyOf = (r: Rec) => JSON.stringify([r.gender, r.age, r.country, r.industry]);

describe('k-anonymity by local suppression', () => {
  it('publishes no combination of values shared by fewer than k records', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 300 }), fc.integer({ min: 2, max: 15 }), (records, k) => {
        const { records: out } = kAnonymise<Key, Rec>(records, ORDER, k);
        const groups = new Map<string, number>();
        for (const r of out) groups.set(keyOf(r), (groups.get(keyOf(r)) ?? 0) + 1);
        for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(k);
      }),
    );
  });

  it('only ever blanks values or drops records, and accounts for each', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 300 }), fc.integer({ min: 2, max: 15 }), (records, k) => {
        const { records: out, dropped, suppressedValues } = kAnonymise<Key, Rec>(records, ORDER, k);
        expect(out.length + dropped).toBe(records.length);
        // Kept records keep their order: each is its input record with some values blanked.
        let i = 0;
        let blanked = 0;
        for (const r of out) {
          const matches = (input: Rec) => (Object.keys(r) as Key[]).every((key) => r[key] === null || r[key] === input[key]);
          while (i < records.length && !matches(records[i]!)) i += 1;
          expect(i).toBeLessThan(records.length);
          blanked += (Object.keys(r) as Key[]).filter((key) => r[key] === null && records[i]![key] !== null).length;
          i += 1;
        }
        expect(blanked).toBeLessThanOrEqual(suppressedValues);
      }),
    );
  });

  it('leaves a register that is already k-anonymous as it is', () => {
    const records: Rec[] = Array.from({ length: 22 }, (_, i) => ({ gender: i % 2 ? 'female' : 'male', age: '21--23', country: 'TH', industry: null }));
    expect(kAnonymise<Key, Rec>(records, ORDER, 11)).toEqual({ records, dropped: 0, suppressedValues: 0 });
  });

  it('refuses a k below 2', () => {
    expect(() => kAnonymise<Key, Rec>([], ORDER, 1)).toThrow(RangeError);
  });
});

describe('CTDC broad age bands', () => {
  it('places ages in the bands of the standard', () => {
    expect([0, 8, 9, 17, 18, 20, 21, 29, 30, 38, 39, 47, 48, 90].map(ageBroad)).toEqual(['0--8', '0--8', '9--17', '9--17', '18--20', '18--20', '21--23', '27--29', '30--38', '30--38', '39--47', '39--47', '48+', '48+']);
    expect(ageBroad(null)).toBeNull();
  });
});
