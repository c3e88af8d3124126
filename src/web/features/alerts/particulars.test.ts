import { describe, expect, it } from 'vitest';
import { particularsOf } from './particulars';

describe('particularsOf', () => {
  it('reads break-the-glass details', () => {
    expect(particularsOf({ kind: 'break_glass', details: { personId: 'p', reason: 'Urgent call from the police', minutes: 30 } })).toEqual({
      kind: 'break_glass',
      reason: 'Urgent call from the police',
      minutes: 30,
    });
  });

  it('reads bulk-access details, also when they arrive as JSON text', () => {
    expect(particularsOf({ kind: 'bulk_access', details: { distinctClients: 25, windowMinutes: 10 } })).toEqual({
      kind: 'bulk_access',
      distinctClients: 25,
      windowMinutes: 10,
    });
    expect(particularsOf({ kind: 'bulk_access', details: '{"distinctClients":3,"windowMinutes":1}' })).toEqual({
      kind: 'bulk_access',
      distinctClients: 3,
      windowMinutes: 1,
    });
  });

  it('gives null for details it cannot read', () => {
    expect(particularsOf({ kind: 'bulk_access', details: null })).toBeNull();
    expect(particularsOf({ kind: 'bulk_access', details: { distinctClients: '25' } })).toBeNull();
    expect(particularsOf({ kind: 'break_glass', details: {} })).toBeNull();
    expect(particularsOf({ kind: 'break_glass', details: 'not json' })).toBeNull();
    expect(particularsOf({ kind: 'break_glass', details: [1, 2] })).toBeNull();
  });
});
