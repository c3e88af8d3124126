import type { ColumnType, Generated } from 'kysely';

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

export interface DB {
  installation: InstallationTable;
  office: OfficeTable;
}
