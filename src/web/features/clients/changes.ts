/** One field of a record two people saved at once: what it was, what is saved now, what this user has. */
export interface ConflictRow<F extends string> {
  field: F;
  /** Someone else changed it since this user read the record. */
  changedByOthers: boolean;
  /** This user changed it in the form. */
  changedByMe: boolean;
}

/**
 * The fields to show after a refused save: those someone else changed (by comparing the record as
 * this user read it with the one saved now, and any the server named) and those this user
 * changed. `key` gives a comparable form of a field's value.
 */
export function conflictRows<F extends string, V>(fields: readonly F[], key: (field: F, values: V) => string, base: V, mine: V, theirs: V, namedByServer: readonly string[] = []): ConflictRow<F>[] {
  return fields
    .map((field) => ({
      field,
      changedByOthers: namedByServer.includes(field) || key(field, base) !== key(field, theirs),
      changedByMe: key(field, base) !== key(field, mine),
    }))
    .filter((row) => row.changedByOthers || row.changedByMe);
}

/** The fields whose value differs between two versions of the form. */
export function changedFields<F extends string, V>(fields: readonly F[], key: (field: F, values: V) => string, from: V, to: V): F[] {
  return fields.filter((field) => key(field, from) !== key(field, to));
}

/**
 * After a refused save, the form keeps what this user changed and takes the rest as saved now,
 * so that saving again changes only this user's fields and nothing they typed is lost.
 */
export function keepMine<F extends string, V extends Record<F, unknown>>(fields: readonly F[], key: (field: F, values: V) => string, base: V, mine: V, theirs: V): V {
  const merged = { ...theirs };
  for (const field of fields) {
    if (key(field, base) !== key(field, mine)) merged[field] = mine[field];
  }
  return merged;
}
