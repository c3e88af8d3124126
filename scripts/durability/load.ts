import { generate } from 'otplib';
import { APPLICATION_CHANNELS } from '../../src/domain/codes.js';
import type { Ledger } from './invariants.js';

const SESSION_COOKIE = '__Host-suoja_session';
const REQUEST_TIMEOUT_MS = 15_000;

export interface Answer {
  status: number;
  body: unknown;
}

/** A staff member talking to the API as the web app does: session cookie, same-origin header. */
export class StaffClient {
  cookie = '';
  secret = '';

  constructor(
    private readonly baseUrl: () => string,
    readonly email: string,
    readonly password: string,
    readonly role: 'helpline' | 'caseworker',
  ) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const base = this.baseUrl();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        origin: base,
        'accept-language': 'en',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (session) this.cookie = session.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  }

  private async expect(method: 'GET' | 'POST', path: string, body: unknown, what: string): Promise<Answer> {
    const answer = await this.request(method, path, body);
    if (answer.status !== 200) throw new Error(`${what} for ${this.email} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }

  /** Follows the one-time set-up link: password, then TOTP enrolment; ends signed in. */
  async setUp(link: string): Promise<void> {
    const token = new URL(link).hash.slice(1);
    await this.expect('POST', '/api/auth/setup', { token, password: this.password }, 'set-up');
    const enrolment = await this.expect('GET', '/api/auth/enrolment', undefined, 'enrolment');
    this.secret = (enrolment.body as { secret: string }).secret;
    await this.expect('POST', '/api/auth/enrolment', { code: await this.code(0) }, 'enrolment');
  }

  /** Signs in again with password and TOTP (a code works once: the next step's is tried as well). */
  async signIn(): Promise<void> {
    this.cookie = '';
    await this.expect('POST', '/api/auth/sign-in', { email: this.email, password: this.password }, 'sign-in');
    for (const ahead of [0, 1]) {
      const answer = await this.request('POST', '/api/auth/second-factor', { code: await this.code(ahead) });
      if (answer.status === 200) return;
    }
    throw new Error(`second factor for ${this.email} refused`);
  }

  /** Whether the session cookie still opens the API. */
  async sessionHolds(): Promise<boolean> {
    return (await this.request('GET', '/api/auth/me')).status === 200;
  }

  private code(stepsAhead: number): Promise<string> {
    return generate({ secret: this.secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
  }
}

export interface LoadTally {
  sent: number;
  acknowledged: number;
  /** No answer: the connection broke (the server was killed) or timed out. */
  unanswered: number;
  /** 5xx answers, e.g. while the database is down under a running server. */
  serverErrors: number;
  /** 4xx answers: the load asked for something the server refused (a bug in the load). */
  refused: number;
  refusals: string[];
}

export function newTally(): LoadTally {
  return { sent: 0, acknowledged: 0, unanswered: 0, serverErrors: 0, refused: 0, refusals: [] };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Write load until stopped: helpline workers log contacts (one row and an audit entry per
 * transaction); caseworkers register applications with an applicant, one or two new children and
 * sometimes a helpline contact (persons, application, child links, status change, the contact's
 * outcome and an audit entry in one transaction). Every 2xx answer goes into the ledger.
 */
export function startLoad(clients: StaffClient[], ledger: Ledger, round: number, tally: LoadTally): { inFlight(): number; halt(): void; done: Promise<void> } {
  let stopped = false;
  let inFlight = 0;
  const yesterday = isoDay(new Date(Date.now() - 86_400_000));
  const childBirth = `${Number(yesterday.slice(0, 4)) - 6}-03-03`;
  const unclaimed = [...ledger.contacts.entries()].filter(([, c]) => c.round === round - 1).map(([id]) => id);
  const usedContacts = new Set([...ledger.applications.values()].map((a) => a.helplineContactId).filter((id): id is string => id !== null));
  const freeContacts = unclaimed.filter((id) => !usedContacts.has(id));

  async function one(client: StaffClient, n: number): Promise<void> {
    let path: string;
    let body: Record<string, unknown>;
    let children = 0;
    let helplineContactId: string | null = null;
    if (client.role === 'helpline') {
      path = '/api/helpline/contacts';
      body = { at: new Date(Date.now() - 1000).toISOString(), channel: 'phone', caller: 'professional', outcome: 'advice_given' };
    } else {
      children = 1 + (n % 2);
      helplineContactId = n % 3 === 0 ? (freeContacts.pop() ?? null) : null;
      path = '/api/applications';
      body = {
        receivedOn: yesterday,
        channel: APPLICATION_CHANNELS[n % APPLICATION_CHANNELS.length],
        summary: `durability round ${round}`,
        person: { givenNames: 'Kestävä', familyName: `Koe ${round}-${n}`, birthDate: '1990-05-01', gender: 'female', nationalities: ['FI'] },
        newChildren: Array.from({ length: children }, (_, i) => ({ givenNames: `Lapsi ${i + 1}`, familyName: `Koe ${round}-${n}`, birthDate: childBirth, gender: 'unknown', nationalities: ['FI'] })),
        officeCode: 'helsinki',
        helplineContactId,
      };
    }
    tally.sent++;
    let answer: Answer;
    inFlight++;
    try {
      answer = await client.request('POST', path, body);
    } catch {
      tally.unanswered++;
      return;
    } finally {
      inFlight--;
    }
    if (answer.status >= 200 && answer.status < 300) {
      tally.acknowledged++;
      const id = (answer.body as { id: string }).id;
      if (client.role === 'helpline') {
        ledger.contacts.set(id, { round });
      } else {
        ledger.applications.set(id, { round, number: (answer.body as { number: string }).number, children, helplineContactId });
      }
    } else if (answer.status >= 500) {
      tally.serverErrors++;
    } else {
      tally.refused++;
      if (tally.refusals.length < 5) tally.refusals.push(`${answer.status} ${path}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
  }

  async function worker(client: StaffClient): Promise<void> {
    for (let n = 0; !stopped; n++) await one(client, n);
  }

  const done = Promise.all(clients.map((c) => worker(c))).then(() => undefined);
  return {
    /** Requests sent and not yet answered. */
    inFlight: () => inFlight,
    /** No new requests; those in flight still end (answered or broken) and `done` waits for them. */
    halt() {
      stopped = true;
    },
    done,
  };
}
