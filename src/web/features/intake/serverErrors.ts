import type { FieldMessage } from '../../api/client';

export interface PlacedMessages<F extends string> {
  /** The first message for each field of the form. */
  byField: Partial<Record<F, string>>;
  /** Messages about something the form has no field for. */
  other: string[];
}

/**
 * The server's translated field messages, each put next to the field of the form it names.
 * `fieldOf` maps the server's dotted path (e.g. `newChildren.0.birthDate`) to the form's field.
 */
export function placeFieldMessages<F extends string>(fields: readonly FieldMessage[], fieldOf: (path: string) => F | null): PlacedMessages<F> {
  const byField: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const { field, message } of fields) {
    const target = fieldOf(field);
    if (target === null) {
      if (!other.includes(message)) other.push(message);
    } else {
      byField[target] ??= message;
    }
  }
  return { byField, other };
}
