/**
 * Reads an exchange document as a stream: the top-level object is scanned byte by byte, and
 * each record of each list is cut out and parsed on its own (JSON.parse). Only the parsed
 * records are kept, never the text of the file, so a large file is not held in memory twice.
 */
import { emptyRecords, isKind, type Kind, type RawDocument } from './format.js';
import { excerpt, show, type ProblemList } from './problems.js';

export interface ReadOptions {
  /** Receives each record as it is read (then the document's lists stay empty); `undefined` for one that is not valid JSON. */
  onRecord?(kind: Kind, value: unknown): void;
  /** Told how many bytes were read so far. */
  onBytes?(bytesRead: number): void;
  /** Refuse a file larger than this (bytes). */
  maxBytes?: number;
}

export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
  }
}

const enum State {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  AfterValue,
  ElementOrEnd,
  Element,
  AfterElement,
  Done,
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (b: number) => b === SPACE || b === LF || b === CR || b === TAB;

class Malformed extends Error {}

/** Where a top-level value goes once read. */
type Target = { to: 'key' } | { to: 'header'; key: string } | { to: 'element'; kind: Kind | null; index: number } | { to: 'skip' };

export async function readJsonDocument(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, problems: ProblemList, options: ReadOptions = {}): Promise<RawDocument> {
  const doc: RawDocument = { format: undefined, version: undefined, records: emptyRecords() };
  const seen = new Set<string>();

  let state = State.Start;
  let key = '';
  let listKind: Kind | null = null;
  let listIndex = 0;
  let listSkipped = false;
  const listed = new Map<Kind, number>();

  // The value being cut out: its bytes so far, and what tells where it ends.
  let pieces: Buffer[] = [];
  let capturing = false;
  let captureKind: 'container' | 'string' | 'scalar' = 'scalar';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let target: Target = { to: 'skip' };
  let captureLine = 1;
  let captureColumn = 1;

  let line = 1;
  let lineStart = 0;
  let offset = 0; // bytes before the current chunk
  // After a comma another member or record must follow.
  let afterComma = false;

  const where = (at: number) => `line ${line}, column ${at + offset - lineStart + 1}`;
  const fail = (message: string, at: number): never => {
    throw new Malformed(`${message} at ${where(at)}`);
  };

  const deliver = (raw: string) => {
    switch (target.to) {
      case 'key': {
        try {
          key = JSON.parse(raw) as string;
        } catch {
          throw new Malformed(`a member name that is not valid JSON text (line ${captureLine}, column ${captureColumn})`);
        }
        return;
      }
      case 'header': {
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (error) {
          problems.add({ path: target.key, code: 'malformed_json', message: `malformed JSON at line ${captureLine}, column ${captureColumn}: ${(error as Error).message}` });
          return;
        }
        if (target.key === 'format') doc.format = value;
        else if (target.key === 'version') doc.version = value;
        else if (isKind(target.key)) problems.add({ path: target.key, code: 'not_a_list', message: `expected a list of records, found ${show(value)}`, value: excerpt(value) });
        else problems.add({ path: target.key, code: 'unknown_field', message: 'unknown member of the document', value: target.key });
        return;
      }
      case 'element': {
        if (!target.kind) return;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (error) {
          problems.add({ path: `${target.kind}[${target.index}]`, code: 'malformed_json', message: `malformed JSON at line ${captureLine}, column ${captureColumn}: ${(error as Error).message}` });
          value = undefined;
        }
        // Passed on even when malformed, so that the indexes of later records stay right.
        if (options.onRecord) options.onRecord(target.kind, value);
        else doc.records[target.kind].push(value);
        return;
      }
      case 'skip':
        return;
    }
  };

  const startCapture = (chunk: Buffer, at: number, t: Target) => {
    const b = chunk[at]!;
    capturing = true;
    pieces = [];
    target = t;
    depth = 0;
    inString = false;
    escaped = false;
    captureLine = line;
    captureColumn = at + offset - lineStart + 1;
    captureKind = b === OPEN_BRACE || b === OPEN_BRACKET ? 'container' : b === QUOTE ? 'string' : 'scalar';
  };

  /** Scans a captured value from `at`; returns the index just past its end, or -1 when the chunk ends first. */
  const scanCapture = (chunk: Buffer, at: number): number => {
    let i = at;
    const n = chunk.length;
    if (captureKind === 'scalar') {
      for (; i < n; i++) {
        const b = chunk[i]!;
        if (isSpace(b) || b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET) return i;
      }
      return -1;
    }
    for (; i < n; i++) {
      const b = chunk[i]!;
      if (b === LF) {
        line += 1;
        lineStart = offset + i + 1;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (captureKind === 'string') return i + 1;
        }
        continue;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth += 1;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  };

  const finishCapture = (chunk: Buffer, start: number, end: number) => {
    pieces.push(chunk.subarray(start, end));
    const raw = pieces.length === 1 ? pieces[0]!.toString('utf8') : Buffer.concat(pieces).toString('utf8');
    pieces = [];
    capturing = false;
    deliver(raw);
  };

  const processChunk = (chunk: Buffer) => {
    let i = 0;
    // A byte order mark (EF BB BF) may open the file, even when it arrives in pieces.
    while (offset + i < 3 && i < chunk.length && chunk[i] === BOM[offset + i]) i += 1;
    let captureStart = 0;
    const n = chunk.length;
    while (i < n) {
      if (capturing) {
        const end = scanCapture(chunk, i);
        if (end < 0) {
          pieces.push(chunk.subarray(captureStart, n));
          return;
        }
        finishCapture(chunk, captureStart, end);
        i = end;
        state = state === State.Key ? State.Colon : state === State.Value ? State.AfterValue : State.AfterElement;
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) {
        if (b === LF) {
          line += 1;
          lineStart = offset + i + 1;
        }
        i += 1;
        continue;
      }
      switch (state) {
        case State.Start:
          if (b !== OPEN_BRACE) fail('the file is not a JSON object: expected "{"', i);
          state = State.KeyOrEnd;
          i += 1;
          break;
        case State.KeyOrEnd:
          if (b === CLOSE_BRACE) {
            if (afterComma) fail('a "," before "}" (trailing comma)', i);
            state = State.Done;
            i += 1;
            break;
          }
          if (b !== QUOTE) fail('expected a member name in double quotes', i);
          afterComma = false;
          state = State.Key;
          startCapture(chunk, i, { to: 'key' });
          captureStart = i;
          // The opening quote is part of the string.
          inString = true;
          i += 1;
          break;
        case State.Colon:
          if (b !== COLON) fail(`expected ":" after "${key}"`, i);
          state = State.Value;
          i += 1;
          if (seen.has(key)) problems.add({ path: key, code: 'duplicate_field', message: 'this member appears twice in the document', value: key });
          seen.add(key);
          break;
        case State.Value:
          if (b === OPEN_BRACKET && (isKind(key) || (key !== 'format' && key !== 'version'))) {
            listKind = isKind(key) ? key : null;
            listSkipped = listKind === null;
            if (listSkipped) problems.add({ path: key, code: 'unknown_field', message: 'unknown member of the document', value: key });
            // A repeated list adds to the first; the duplicate is reported above.
            listIndex = listKind ? (listed.get(listKind) ?? 0) : 0;
            state = State.ElementOrEnd;
            i += 1;
            break;
          }
          startCapture(chunk, i, { to: 'header', key });
          captureStart = i;
          if (captureKind === 'string') inString = true;
          else if (captureKind === 'container') depth = 1;
          i += 1;
          break;
        case State.AfterValue:
          if (b === COMMA) {
            state = State.KeyOrEnd;
            afterComma = true;
            i += 1;
            break;
          }
          if (b === CLOSE_BRACE) {
            state = State.Done;
            i += 1;
            break;
          }
          fail('expected "," or "}"', i);
          break;
        case State.ElementOrEnd:
          if (b === CLOSE_BRACKET) {
            if (afterComma) fail('a "," before "]" (trailing comma)', i);
            state = State.AfterValue;
            i += 1;
            break;
          }
          afterComma = false;
          state = State.Element;
          startCapture(chunk, i, listSkipped ? { to: 'skip' } : { to: 'element', kind: listKind, index: listIndex });
          listIndex += 1;
          if (listKind) listed.set(listKind, listIndex);
          captureStart = i;
          if (captureKind === 'string') inString = true;
          else if (captureKind === 'container') depth = 1;
          i += 1;
          break;
        case State.AfterElement:
          if (b === COMMA) {
            state = State.ElementOrEnd;
            afterComma = true;
            i += 1;
            break;
          }
          if (b === CLOSE_BRACKET) {
            state = State.AfterValue;
            i += 1;
            break;
          }
          fail('expected "," or "]" after a record', i);
          break;
        case State.Done:
          fail('unexpected text after the end of the document', i);
          break;
        default:
          fail('unexpected character', i);
      }
    }
    // A capture that started in this chunk continues in the next.
    if (capturing) pieces.push(chunk.subarray(captureStart, n));
  };

  let bytes = 0;
  try {
    // Read by hand rather than with for await, which would destroy the input when reading stops
    // early: for an upload that is the connection, and the answer could no longer be sent.
    // The caller owns the input and closes it.
    const chunks = Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      const part = next.value;
      const chunk = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      bytes += chunk.length;
      if (options.maxBytes !== undefined && bytes > options.maxBytes) throw new FileTooLarge(options.maxBytes);
      processChunk(chunk);
      offset += chunk.length;
      options.onBytes?.(bytes);
    }
    if (capturing && captureKind === 'scalar') {
      // A number or literal may end the file (only in a broken document, but say it clearly).
      const raw = Buffer.concat(pieces).toString('utf8');
      pieces = [];
      capturing = false;
      deliver(raw);
      state = State.AfterValue;
    }
    // (The state changes inside processChunk, out of the compiler's sight.)
    const end = state as State;
    if (end !== State.Done) {
      if (bytes === 0 || (end === State.Start && !capturing)) throw new Malformed('the file is empty');
      throw new Malformed(`the file ends too early (${capturing ? 'inside a value' : 'the document is not closed'}) at ${where(0)}`);
    }
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    doc.broken = true;
    problems.add({ path: '', code: 'malformed_json', message: `malformed JSON: ${error.message}` });
  }
  return doc;
}
