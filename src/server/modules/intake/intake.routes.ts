import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { signedInOf } from '../../access/route-access.js';
import type { AppContext } from '../../context.js';
import { NotFound } from '../../http/errors.js';
import { recordVersion } from '../../http/schemas.js';
import { isoDate } from '../clients/person.schema.js';
import type { ApplicationsService } from './applications.service.js';
import type { DecisionsService } from './decisions.service.js';
import type { HelplineService } from './helpline.service.js';
import {
  AppealSchema,
  ApplicationChangeSchema,
  ApplicationListItemSchema,
  ApplicationSchema,
  AwaitingDecisionSchema,
  DecisionProposalSchema,
  DecisionSchema,
  HelplineContactInputSchema,
  HelplineContactSchema,
  NewApplicationSchema,
  ReflectionEndingSchema,
  SimilarPersonSchema,
  SimilarQuerySchema,
  WorklistCountsSchema,
} from './intake.schemas.js';
import type { WorklistsService } from './worklists.service.js';

const params = z.object({ id: z.uuid() });
const scopeOf = (request: FastifyRequest) => request.scope ?? 'own';
const actorOf = (request: FastifyRequest) => signedInOf(request).actor;

export interface IntakeServices {
  helpline: HelplineService;
  applications: ApplicationsService;
  decisions: DecisionsService;
  worklists: WorklistsService;
}

/** Helpline contacts, applications, decisions and work lists: HTTP in and out, nothing more. */
export function intakeRoutes(ctx: AppContext, { helpline, applications, decisions, worklists }: IntakeServices): FastifyPluginAsyncZod {
  return async (app) => {
    const log = { access: { permission: 'helpline.log' as const } };
    app.post(
      '/api/helpline/contacts',
      { config: log, schema: { summary: 'Log an info-phone contact (anonymous)', tags: ['helpline'], body: HelplineContactInputSchema, response: { 201: HelplineContactSchema } } },
      async (request, reply) => reply.code(201).send(await helpline.log(actorOf(request), request.body)),
    );
    app.get(
      '/api/helpline/contacts',
      { config: log, schema: { summary: 'The contacts I logged, newest first', tags: ['helpline'], response: { 200: z.object({ contacts: z.array(HelplineContactSchema) }) } } },
      async (request) => ({ contacts: await helpline.recent(actorOf(request)) }),
    );
    app.get(
      '/api/helpline/contacts/:id',
      { config: log, schema: { summary: 'One of my contacts', tags: ['helpline'], params, response: { 200: HelplineContactSchema } } },
      async (request) => {
        const contact = await helpline.get(actorOf(request), request.params.id);
        if (!contact) throw new NotFound();
        return contact;
      },
    );

    const tags = ['applications'];
    app.post(
      '/api/applications',
      {
        config: { access: { permission: 'applications.create' } },
        schema: { summary: 'Register an application, with a new or an existing person and the children applying with them', tags, body: NewApplicationSchema, response: { 201: z.object({ id: z.string(), number: z.string() }) } },
      },
      async (request, reply) => reply.code(201).send(await applications.create(actorOf(request), request.body)),
    );
    app.get(
      '/api/applications',
      {
        config: { access: { permission: 'applications.read' } },
        schema: {
          summary: 'Work lists of applications: mine (open, assigned to me), open, overdue, or all within my scope',
          tags,
          querystring: z.strictObject({ list: z.enum(['mine', 'office', 'open', 'overdue', 'all']).default('open') }),
          response: { 200: z.object({ applications: z.array(ApplicationListItemSchema) }) },
        },
      },
      async (request) => ({ applications: await applications.list(actorOf(request), scopeOf(request), request.query.list) }),
    );
    app.get(
      '/api/applications/:id',
      { config: { access: { permission: 'applications.read' } }, schema: { summary: 'An application with its person (masked), children, history and decisions (audited)', tags, params, response: { 200: ApplicationSchema } } },
      async (request) => applications.get(actorOf(request), scopeOf(request), request.params.id),
    );
    app.patch(
      '/api/applications/:id',
      { config: { access: { permission: 'applications.write' } }, schema: { summary: 'Complete or correct an application and its person; add or remove children', tags, params, body: ApplicationChangeSchema, response: { 200: ApplicationSchema } } },
      async (request) => applications.update(actorOf(request), scopeOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/applications/:id/status',
      {
        config: { access: { permission: 'applications.write' } },
        schema: {
          summary: 'Change the status by hand: under assessment, withdrawn, lapsed, or back to received',
          tags,
          params,
          body: z.strictObject({ version: recordVersion, status: z.enum(['received', 'under_assessment', 'withdrawn', 'lapsed']) }),
          response: { 200: ApplicationSchema },
        },
      },
      async (request) => applications.changeStatus(actorOf(request), scopeOf(request), request.params.id, request.body.status, request.body.version),
    );
    app.post(
      '/api/applications/:id/link-person',
      {
        config: { access: { permission: 'applications.write' } },
        schema: { summary: 'This is the same person: move the application to an existing person record', tags, params, body: z.strictObject({ version: recordVersion, personId: z.uuid() }), response: { 200: ApplicationSchema } },
      },
      async (request) => applications.linkPerson(actorOf(request), scopeOf(request), request.params.id, request.body.personId, request.body.version),
    );
    app.post(
      '/api/applications/:id/similar',
      {
        config: { access: { permission: 'applications.write' } },
        schema: { summary: 'Possible duplicates of the applicant, searched with their stored identity (masked, audited)', tags, params, response: { 200: z.object({ persons: z.array(SimilarPersonSchema) }) } },
      },
      async (request) => ({ persons: await applications.similarToApplicant(actorOf(request), scopeOf(request), request.params.id) }),
    );
    app.post(
      '/api/persons/similar',
      {
        config: { access: { permission: 'applications.write' } },
        schema: { summary: 'Possible duplicates: persons with a similar name (any script, diacritics, typos), birth date or nationality, masked (audited)', tags, body: SimilarQuerySchema, response: { 200: z.object({ persons: z.array(SimilarPersonSchema) }) } },
      },
      async (request) => ({ persons: await applications.similar(actorOf(request), request.body) }),
    );
    app.get(
      '/api/staff/caseworkers',
      {
        config: { access: { permission: 'applications.write' } },
        schema: { summary: 'Active caseworkers and team leaders, with their offices and which of the two roles they hold, to assign applications and clients to', tags, response: { 200: z.object({ caseworkers: z.array(z.object({ id: z.string(), name: z.string(), offices: z.array(z.string()), roles: z.array(z.enum(['caseworker', 'team_leader'])) })) }) } },
      },
      async () => {
        const rows = await ctx.database.db
          .selectFrom('staffUser as u')
          .select((eb) => ['u.id', 'u.name', 'u.roles', eb.fn.coalesce(eb.selectFrom('staffUserOffice as o').select(sql<string[]>`array_agg(o.office_code order by o.office_code)`.as('x')).whereRef('o.userId', '=', 'u.id'), sql<string[]>`'{}'::text[]`).as('offices')])
          .where('u.disabledAt', 'is', null)
          .where(sql<boolean>`u.roles && array['caseworker','team_leader']::text[]`)
          .orderBy('u.name')
          .execute();
        // Only the casework roles: whether someone also administers or audits is nobody's business here.
        return { caseworkers: rows.map((r) => ({ ...r, roles: r.roles.filter((role): role is 'caseworker' | 'team_leader' => role === 'caseworker' || role === 'team_leader') })) };
      },
    );

    const dtags = ['decisions'];
    app.post(
      '/api/decisions',
      { config: { access: { permission: 'decisions.prepare' } }, schema: { summary: 'Propose a decision for a decision maker', tags: dtags, body: DecisionProposalSchema, response: { 201: DecisionSchema } } },
      async (request, reply) => reply.code(201).send(await decisions.propose(actorOf(request), scopeOf(request), request.body)),
    );
    app.get(
      '/api/decisions/awaiting',
      { config: { access: { permission: 'decisions.take' } }, schema: { summary: 'Proposals awaiting a decision, oldest first', tags: dtags, response: { 200: z.object({ decisions: z.array(AwaitingDecisionSchema) }) } } },
      async (request) => ({ decisions: await decisions.awaiting(actorOf(request)) }),
    );
    app.get(
      '/api/decisions/:id',
      { config: { access: { permission: 'applications.read' } }, schema: { summary: 'A decision (audited)', tags: dtags, params, response: { 200: DecisionSchema } } },
      async (request) => decisions.get(actorOf(request), scopeOf(request), request.params.id),
    );
    app.post(
      '/api/decisions/:id/decide',
      {
        config: { access: { permission: 'decisions.take' } },
        schema: { summary: 'Take the proposed decision: applies it and writes the letter', tags: dtags, params, body: z.strictObject({ version: recordVersion, decidedOn: isoDate }), response: { 200: DecisionSchema } },
      },
      async (request) => decisions.take(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/decisions/:id/return',
      { config: { access: { permission: 'decisions.take' } }, schema: { summary: 'Send a proposal back to be prepared again', tags: dtags, params, body: z.strictObject({ version: recordVersion }), response: { 200: DecisionSchema } } },
      async (request) => decisions.returnProposal(actorOf(request), request.params.id, request.body.version),
    );
    app.put(
      '/api/decisions/:id/appeal',
      { config: { access: { permission: 'decisions.prepare' } }, schema: { summary: 'Record an appeal against the decision and its outcome', tags: dtags, params, body: AppealSchema, response: { 200: DecisionSchema } } },
      async (request) => decisions.recordAppeal(actorOf(request), scopeOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/decisions/:id/letter',
      { config: { access: { permission: 'applications.read' } }, schema: { summary: 'The decision letter as PDF (each download audited)', tags: dtags, params, produces: ['application/pdf'] } },
      async (request, reply) => {
        const { pdf, filename } = await decisions.letter(actorOf(request), scopeOf(request), request.params.id);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
      },
    );

    app.get(
      '/api/worklists',
      { config: { access: 'signed_in' }, schema: { summary: 'Counts of my work lists (only those my roles reach)', tags: ['worklists'], response: { 200: WorklistCountsSchema } } },
      async (request) => worklists.counts(actorOf(request)),
    );
    app.get(
      '/api/worklists/reflection-periods',
      { config: { access: { permission: 'applications.read' } }, schema: { summary: 'Reflection periods ending within 14 days', tags: ['worklists'], response: { 200: z.object({ periods: z.array(ReflectionEndingSchema) }) } } },
      async (request) => ({ periods: await worklists.reflectionEnding(actorOf(request)) }),
    );
  };
}
