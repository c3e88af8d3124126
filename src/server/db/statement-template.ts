import { CompiledQuery, type Compilable } from 'kysely';
import { plannedOnce } from './connect.js';
import type { Executor } from './transaction.js';

/** Stands for one value of a template's values while the statement is built. */
class StandIn {
  constructor(
    readonly path: readonly string[],
    readonly build: number,
  ) {}

  // Differs between the two builds, so that a value written into the text is caught.
  toString(): string {
    return `{${this.path.join('.')} of build ${this.build}}`;
  }
}

/**
 * The values a template's statement is built with: one stand-in per value. A plain object's
 * fields get a stand-in each (so a group of values, such as an audit entry's, can be passed as
 * one object); anything else — a string, a date, an array — is one value, one parameter.
 */
function standInsFor<V>(values: V, build: number, path: readonly string[] = []): V {
  if (values !== null && typeof values === 'object' && Object.getPrototypeOf(values) === Object.prototype) {
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, standInsFor(value, build, [...path, key])])) as V;
  }
  return new StandIn(path, build) as V;
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let value = values;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  return value;
}

interface Compiled {
  sql: string;
  /** A stand-in's path where a value goes, or the shape's constant. */
  parameters: ({ path: readonly string[] } | { constant: unknown })[];
}

/**
 * A statement built and compiled once for each shape, then run with each call's values. Kysely
 * builds and compiles a statement at every call; for the client page's statement (a dozen
 * subqueries, the scope check and the audit entry) that cost the server more time than the
 * database spent running it.
 *
 * `build` gets a database handle to build with, the shape and stand-ins for the values. It may
 * only place the values in the statement (as parameters): whatever changes the statement's
 * text — a branch, a list's length, which fields a group of values has — belongs to the shape.
 * Building twice with different stand-ins checks this: a parameter computed from a value, or a
 * text that depends on one, is an error at the first run. A branch on a value is not caught (a
 * stand-in is always truthy).
 *
 * Outside a transaction the statement is also planned once per connection (`plannedOnce`): its
 * plan is made without the values, so it must be one that serves every value — reviewed in
 * bench/plans (the generic plan column).
 */
export function statementTemplate<Shape, Values, Row>(build: (db: Executor, shape: Shape, values: Values) => Compilable<Row>) {
  const compiled = new Map<string, Compiled>();

  function compile(db: Executor, shape: Shape, values: Values): Compiled {
    const [first, second] = [1, 2].map((n) => build(db, shape, standInsFor(values, n)).compile());
    if (first!.sql !== second!.sql || first!.parameters.length !== second!.parameters.length) {
      throw new Error('A statement template’s text depends on its values; put what changes the text in the shape.');
    }
    return {
      sql: first!.sql,
      parameters: first!.parameters.map((p, i) => {
        const other = second!.parameters[i];
        if (p instanceof StandIn && other instanceof StandIn && p.path.join('.') === other.path.join('.')) return { path: p.path };
        if (!(p instanceof StandIn) && !(other instanceof StandIn) && JSON.stringify(p) === JSON.stringify(other)) return { constant: p };
        throw new Error(`A statement template computes parameter ${i + 1} from its values; pass the computed value instead.`);
      }),
    };
  }

  return {
    /** Runs the statement of this shape with these values. */
    async execute(db: Executor, shape: Shape, values: Values): Promise<Row[]> {
      const key = JSON.stringify(shape);
      let statement = compiled.get(key);
      if (!statement) {
        statement = compile(db, shape, values);
        compiled.set(key, statement);
      }
      const parameters = statement.parameters.map((p) => ('path' in p ? valueAt(values, p.path) : p.constant));
      // Outside a transaction, on the connections that keep one plan per statement (connect.ts).
      const runner = db.isTransaction ? db : plannedOnce(db);
      const result = await runner.executeQuery<Row>(CompiledQuery.raw(statement.sql, parameters));
      return result.rows;
    },
  };
}
