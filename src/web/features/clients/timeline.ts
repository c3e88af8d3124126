import type { Client } from '../../api/clients';

/** One thing that happened to a client, with what the page needs to say it. */
export type TimelineEntry =
  | { kind: 'clientshipStarted'; key: string; at: string; category: string; officeCode: string }
  | { kind: 'clientshipEnded'; key: string; at: string; category: string; reason: string | null }
  | { kind: 'decision'; key: string; at: string; decisionKind: string; reason: string | null; decisionId: string }
  | { kind: 'residenceChanged'; key: string; at: string; status: string }
  | { kind: 'serviceStarted'; key: string; at: string; type: string }
  | { kind: 'serviceEnded'; key: string; at: string; type: string }
  | { kind: 'needsAssessed'; key: string; at: string; needed: string[] }
  | { kind: 'noteWritten'; key: string; at: string; author: string; correction: boolean; noteId: string }
  | { kind: 'taskDone'; key: string; at: string; title: string }
  | { kind: 'attachmentAdded'; key: string; at: string; fileName: string; by: string };

export type TimelineKind = TimelineEntry['kind'];

type Source = Pick<Client, 'clientships' | 'decisions' | 'residenceHistory' | 'services' | 'needs' | 'notes' | 'tasks' | 'attachments'>;

/** Within the same moment, the order in which things are told: a start before what follows from it. */
const ORDER: readonly TimelineKind[] = ['decision', 'clientshipEnded', 'clientshipStarted', 'residenceChanged', 'needsAssessed', 'serviceStarted', 'serviceEnded', 'noteWritten', 'taskDone', 'attachmentAdded'];

/**
 * Everything on the client page that has a date, merged into one story, newest first. Dates
 * ('YYYY-MM-DD') and instants (ISO date-times) compare as text: an instant on a day comes
 * after that day's date, so a day's timed events are told before its dated ones.
 */
export function buildTimeline(client: Source): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const c of client.clientships) {
    entries.push({ kind: 'clientshipStarted', key: `cs-start-${c.id}`, at: c.startDate, category: c.category, officeCode: c.officeCode });
    if (c.endDate) entries.push({ kind: 'clientshipEnded', key: `cs-end-${c.id}`, at: c.endDate, category: c.category, reason: c.endReason });
  }
  for (const d of client.decisions) {
    if (d.status === 'decided' && d.decidedOn) entries.push({ kind: 'decision', key: `decision-${d.id}`, at: d.decidedOn, decisionKind: d.kind, reason: d.reason, decisionId: d.id });
  }
  client.residenceHistory.forEach((r, i) => entries.push({ kind: 'residenceChanged', key: `residence-${i}-${r.changedAt}`, at: r.changedAt, status: r.status }));
  for (const s of client.services) {
    entries.push({ kind: 'serviceStarted', key: `service-start-${s.id}`, at: s.startDate, type: s.type });
    if (s.endDate) entries.push({ kind: 'serviceEnded', key: `service-end-${s.id}`, at: s.endDate, type: s.type });
  }
  // One assessment a day: the needs answered on the same day are told together.
  const byDay = new Map<string, string[]>();
  for (const n of client.needs) {
    const day = byDay.get(n.assessedOn) ?? [];
    if (n.needed) day.push(n.type);
    byDay.set(n.assessedOn, day);
  }
  for (const [day, needed] of byDay) entries.push({ kind: 'needsAssessed', key: `needs-${day}`, at: day, needed: [...needed].sort() });
  for (const n of client.notes) entries.push({ kind: 'noteWritten', key: `note-${n.id}`, at: n.writtenAt, author: n.authorName, correction: n.correctsId !== null, noteId: n.id });
  for (const t of client.tasks) {
    if (t.doneAt) entries.push({ kind: 'taskDone', key: `task-${t.id}`, at: t.doneAt, title: t.title });
  }
  for (const a of client.attachments) entries.push({ kind: 'attachmentAdded', key: `attachment-${a.id}`, at: a.uploadedAt, fileName: a.fileName, by: a.uploadedByName });

  return entries.sort((a, b) => (a.at === b.at ? ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) : a.at < b.at ? 1 : -1));
}

/** Whether the moment is a calendar date only ('YYYY-MM-DD'), not an instant. */
export function isDateOnly(at: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(at);
}
