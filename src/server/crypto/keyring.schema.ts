import type { ColumnType } from 'kysely';

/** Table type of data_key (migration 20261128130000_keys.sql), camelCase via the plugin. */
export interface DataKeyTable {
  id: string;
  purpose: 'field' | 'index';
  wrappedKey: string;
  masterKeyId: string;
  createdAt: ColumnType<Date, never, never>;
  retiredAt: Date | null;
}
