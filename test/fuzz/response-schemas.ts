/** Answers checked against the schemas the API publishes for them (its OpenAPI document). */
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { JsonSchema } from './openapi.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv;

export class ResponseSchemas {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: false, validateFormats: true }));
  private readonly compiled = new Map<string, ValidateFunction>();

  validator(key: string, schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** Why `body` does not fit the schema of this operation's `status`; null when it does. */
  check(operation: string, status: string, schema: JsonSchema, body: string): string | null {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `not JSON: ${body.slice(0, 200)}`;
    }
    const validate = this.validator(`${operation} ${status}`, schema);
    if (validate(value)) return null;
    return this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }
}
