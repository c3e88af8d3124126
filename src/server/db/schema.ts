import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { DataKeyTable } from '../crypto/keyring.schema.js';

/** Table types, kept by hand beside the SQL migrations that define them (camelCase via the plugin). */
export interface InstallationTable {
  id: Generated<string>;
  createdAt: ColumnType<Date, never, never>;
}

export interface OfficeTable {
  code: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  retired: Generated<boolean>;
  createdAt: ColumnType<Date, never, never>;
}

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnrolledAt: Date | null;
  totpLastStep: number | null;
  ssoSubject: string | null;
  disabledAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
}

export interface StaffUserOfficeTable {
  userId: string;
  officeCode: string;
}

export interface StaffRecoveryCodeTable {
  userId: string;
  codeHash: string;
  usedAt: Date | null;
}

export interface StaffSetupTokenTable {
  tokenHash: string;
  userId: string;
  createdAt: Generated<Date>;
  expiresAt: Date;
  usedAt: Date | null;
}

export type SessionStage = 'second_factor' | 'enrolment' | 'active';
export type SessionEndReason = 'sign_out' | 'sign_out_everywhere' | 'idle' | 'expired' | 'disabled' | 'replaced' | 'mfa_reset';

export interface StaffSessionTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  stage: SessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

export interface AppSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
  version: Generated<number>;
}

export interface AuditEventTable {
  seq: ColumnType<number, never, never>;
  at: Date;
  actorId: string | null;
  actorKind: 'user' | 'operator' | 'system' | 'anonymous';
  actorRoles: string[];
  actorOffices: string[];
  action: string;
  objectType: string | null;
  objectIds: string[];
  reason: string | null;
  outcome: 'success' | 'denied' | 'failure';
  address: string | null;
  details: ColumnType<unknown, string, never>;
  prevHash: string;
  hash: string;
}

export interface PersonTable {
  id: string;
  number: Generated<string>;
  ref: string | null;
  givenNames: string | null;
  familyName: string | null;
  aliases: string | null;
  birthDate: string | null;
  contact: string | null;
  municipality: string | null;
  nameIndex: Generated<string[]>;
  birthDateIsEstimate: Generated<boolean>;
  birthYear: number | null;
  birthMonth: number | null;
  gender: string;
  nationalities: string[];
  languages: Generated<string[]>;
  interpreterNeeded: Generated<boolean>;
  residenceStatus: Generated<string>;
  legalHold: Generated<boolean>;
  identityErasedAt: Date | null;
  createdAt: Generated<Date>;
  createdBy: string | null;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
  version: Generated<number>;
}

export interface ClientshipTable {
  id: Generated<string>;
  ref: string | null;
  personId: string;
  category: 'victim' | 'child_of_victim' | 'assists_investigation';
  parentId: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  officeCode: string;
  caseworkerId: string | null;
  ageAtStart: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
}

/** Who holds a person (office:<code>, caseworker:<id>): kept by the database's triggers, read only. */
export interface PersonScopeTable {
  personId: ColumnType<string, never, never>;
  holder: ColumnType<string, never, never>;
  number: ColumnType<string, never, never>;
}

export interface BreakGlassGrantTable {
  id: Generated<string>;
  userId: string;
  personId: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

export interface AccessAlertTable {
  id: Generated<string>;
  kind: 'bulk_access' | 'break_glass';
  userId: string;
  officeCodes: string[];
  createdAt: Date;
  details: ColumnType<unknown, string, string>;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export interface HelplineContactTable {
  id: Generated<string>;
  ref: string | null;
  at: Date;
  channel: string;
  caller: string;
  language: string | null;
  topic: string | null;
  outcome: string;
  officeCode: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface ApplicationTable {
  id: Generated<string>;
  number: string;
  ref: string | null;
  personId: string;
  receivedOn: string;
  channel: string;
  summary: string | null;
  consentGiven: boolean | null;
  consentOn: string | null;
  officeCode: string | null;
  caseworkerId: string | null;
  status: Generated<'received' | 'under_assessment' | 'decided' | 'withdrawn' | 'lapsed'>;
  statusChangedOn: string | null;
  deadline: string | null;
  helplineContactId: string | null;
  createdAt: Generated<Date>;
  createdBy: string | null;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
  version: Generated<number>;
}

export interface ApplicationChildTable {
  applicationId: string;
  personId: string;
}

export interface ApplicationStatusChangeTable {
  id: Generated<string>;
  applicationId: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
  byUser: string | null;
}

export interface DecisionTable {
  id: Generated<string>;
  ref: string | null;
  applicationId: string | null;
  personId: string;
  kind: 'admission' | 'rejection' | 'reflection_period' | 'extension' | 'termination';
  status: Generated<'proposed' | 'decided' | 'cancelled'>;
  decidedOn: string | null;
  decidedBy: string | null;
  proposedBy: string | null;
  proposedAt: Date | null;
  reason: string | null;
  grounds: string | null;
  expertGroupHeard: Generated<boolean>;
  category: 'victim' | 'assists_investigation' | null;
  periodStart: string | null;
  periodEnd: string | null;
  letterLanguage: 'fi' | 'sv' | 'en' | null;
  letterPdf: Buffer | null;
  appealLodgedOn: string | null;
  appealOutcome: 'pending' | 'upheld' | 'overturned' | 'returned' | 'withdrawn' | null;
  appealDecidedOn: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
  version: Generated<number>;
}

export interface ExploitationTable {
  id: Generated<string>;
  ref: string | null;
  personId: string;
  form: string;
  isPrimary: boolean;
  country: string;
  industry: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  residenceStatus: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
}

export interface ServiceTable {
  id: Generated<string>;
  ref: string | null;
  personId: string;
  type: string;
  provider: string | null;
  startDate: string;
  endDate: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
}

export interface StatisticsReleaseTable {
  id: Generated<string>;
  year: number;
  half: number | null;
  threshold: number;
  languages: string[];
  dataHash: string;
  figures: ColumnType<unknown, string, never>;
  organisation: ColumnType<unknown, string, never>;
  confirmedSmallCounts: string[];
  publishedAt: Date;
  publishedBy: string;
}

export interface DB {
  statisticsRelease: StatisticsReleaseTable;
  helplineContact: HelplineContactTable;
  application: ApplicationTable;
  applicationChild: ApplicationChildTable;
  applicationStatusChange: ApplicationStatusChangeTable;
  decision: DecisionTable;
  exploitation: ExploitationTable;
  service: ServiceTable;
  person: PersonTable;
  clientship: ClientshipTable;
  breakGlassGrant: BreakGlassGrantTable;
  personScope: PersonScopeTable;
  accessAlert: AccessAlertTable;
  installation: InstallationTable;
  dataKey: DataKeyTable;
  office: OfficeTable;
  staffUser: StaffUserTable;
  staffUserOffice: StaffUserOfficeTable;
  staffRecoveryCode: StaffRecoveryCodeTable;
  staffSetupToken: StaffSetupTokenTable;
  staffSession: StaffSessionTable;
  signInThrottle: SignInThrottleTable;
  appSetting: AppSettingTable;
  auditEvent: AuditEventTable;
  journalNote: JournalNoteTable;
  task: TaskTable;
  attachment: AttachmentTable;
  serviceNeed: ServiceNeedTable;
  residenceStatusChange: ResidenceStatusChangeTable;
}

export interface JournalNoteTable {
  id: Generated<string>;
  personId: string;
  body: string;
  authorId: string;
  writtenAt: Date;
  correctedAt: Date | null;
  correctsId: string | null;
  version: Generated<number>;
}

export interface TaskTable {
  id: Generated<string>;
  personId: string;
  title: string;
  dueOn: string;
  assigneeId: string;
  createdBy: string;
  createdAt: Date;
  doneAt: Date | null;
  version: Generated<number>;
}

export interface AttachmentTable {
  id: Generated<string>;
  personId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  content: Buffer;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface ServiceNeedTable {
  personId: string;
  type: string;
  needed: boolean;
  assessedOn: string;
  assessedBy: string | null;
}

export interface ResidenceStatusChangeTable {
  id: Generated<string>;
  personId: string;
  status: string;
  changedAt: Date;
  changedBy: string | null;
}
