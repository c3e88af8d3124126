import { describe, expect, it } from 'vitest';
import { buildTimeline, isDateOnly } from './timeline';

const empty = { clientships: [], decisions: [], residenceHistory: [], services: [], needs: [], notes: [], tasks: [], attachments: [] };

describe('the client timeline', () => {
  it('merges every dated record, newest first', () => {
    const timeline = buildTimeline({
      ...empty,
      clientships: [{ id: 'c1', category: 'victim', parentId: null, startDate: '2026-01-10', endDate: '2026-05-02', endReason: 'left_country', officeCode: 'helsinki', caseworkerId: null, version: 1 }],
      decisions: [
        { id: 'd1', kind: 'admission', status: 'decided', decidedOn: '2026-01-10', reason: null, periodStart: null, periodEnd: null, applicationId: 'a1' },
        { id: 'd2', kind: 'termination', status: 'proposed', decidedOn: null, reason: 'left_country', periodStart: null, periodEnd: null, applicationId: null },
      ],
      residenceHistory: [{ status: 'asylum_seeker', changedAt: '2026-02-01T08:00:00.000Z' }],
      services: [{ id: 's1', type: 'safe_accommodation', provider: 'reception_centre', startDate: '2026-01-12', endDate: null, version: 1 }],
      notes: [{ id: 'n1', body: 'x', authorId: 'u1', authorName: 'Anna', writtenAt: '2026-03-01T10:00:00.000Z', correctedAt: null, correctsId: null, correctable: false, version: 1 }],
      tasks: [
        { id: 't1', title: 'Book an interpreter', dueOn: '2026-03-03', assigneeId: 'u1', assigneeName: 'Anna', doneAt: '2026-03-02T12:00:00.000Z', version: 2 },
        { id: 't2', title: 'Still open', dueOn: '2026-03-09', assigneeId: 'u1', assigneeName: 'Anna', doneAt: null, version: 1 },
      ],
      attachments: [{ id: 'f1', fileName: 'permit.pdf', mediaType: 'application/pdf', sizeBytes: 10, uploadedAt: '2026-02-15T09:00:00.000Z', uploadedByName: 'Bo' }],
    });
    expect(timeline.map((e) => [e.kind, e.at])).toEqual([
      ['clientshipEnded', '2026-05-02'],
      ['taskDone', '2026-03-02T12:00:00.000Z'],
      ['noteWritten', '2026-03-01T10:00:00.000Z'],
      ['attachmentAdded', '2026-02-15T09:00:00.000Z'],
      ['residenceChanged', '2026-02-01T08:00:00.000Z'],
      ['serviceStarted', '2026-01-12'],
      // The same day: the decision, then the clientship it started.
      ['decision', '2026-01-10'],
      ['clientshipStarted', '2026-01-10'],
    ]);
    expect(timeline[0]).toMatchObject({ reason: 'left_country' });
  });

  it('tells the needs answered on one day as one assessment', () => {
    const timeline = buildTimeline({
      ...empty,
      needs: [
        { type: 'safe_accommodation', needed: true, assessedOn: '2026-03-16' },
        { type: 'counselling', needed: true, assessedOn: '2026-03-16' },
        { type: 'legal_counselling', needed: false, assessedOn: '2026-03-16' },
        { type: 'interpretation', needed: false, assessedOn: '2026-02-01' },
      ],
    });
    expect(timeline).toEqual([
      { kind: 'needsAssessed', key: 'needs-2026-03-16', at: '2026-03-16', needed: ['counselling', 'safe_accommodation'] },
      { kind: 'needsAssessed', key: 'needs-2026-02-01', at: '2026-02-01', needed: [] },
    ]);
  });

  it('is empty for a client with nothing dated, and tells dates from instants', () => {
    expect(buildTimeline(empty)).toEqual([]);
    expect(isDateOnly('2026-03-16')).toBe(true);
    expect(isDateOnly('2026-03-16T09:00:00.000Z')).toBe(false);
  });
});
