/** Staff roles (domain.md section 2). A user may hold several. */
export const ROLES = ['caseworker', 'team_leader', 'decision_maker', 'helpline', 'statistician', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
