/** Application statuses in which work goes on; the others are final until reopened. */
export const OPEN_STATUSES = ['received', 'under_assessment'] as const;

export type ApplicationStatus = 'received' | 'under_assessment' | 'decided' | 'withdrawn' | 'lapsed';

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}
