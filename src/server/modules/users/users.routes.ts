import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../domain/roles.js';
import { signedInOf } from '../../access/route-access.js';
import { recordVersion } from '../../http/schemas.js';
import type { AppContext } from '../../context.js';
import type { UsersService } from './users.service.js';

const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.enum(ROLES)),
    offices: z.array(z.string()),
    status: z.enum(['invited', 'active', 'disabled']),
    mfaEnrolled: z.boolean(),
    version: z.number().int(),
    createdAt: z.date(),
  })
  .meta({ id: 'StaffUser' });

const fields = {
  name: z.string().trim().min(1).max(200),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
  offices: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).max(50),
};

export function usersRoutes(ctx: AppContext, users: UsersService): FastifyPluginAsyncZod {
  const originOf = (request: FastifyRequest) => ctx.config.publicOrigin ?? `${request.protocol}://${request.host}`;
  return async (app) => {
    const tags = ['users'];
    const manage = { access: { permission: 'users.manage' as const } };

    app.get('/api/users', { config: manage, schema: { summary: 'All staff accounts', tags, response: { 200: z.object({ users: z.array(UserSchema) }) } } }, async () => ({
      users: await users.list(),
    }));

    app.post(
      '/api/users',
      {
        config: manage,
        schema: {
          summary: 'Add a staff account; answers with a one-time set-up link for the person',
          tags,
          body: z.strictObject({ name: fields.name, email: z.email().max(320), roles: fields.roles, offices: fields.offices }),
          response: { 201: z.object({ user: UserSchema, setupLink: z.string() }) },
        },
      },
      async (request, reply) => reply.code(201).send(await users.create(signedInOf(request).actor, request.body, originOf(request))),
    );

    app.patch(
      '/api/users/:id',
      {
        config: manage,
        schema: {
          summary: 'Change a staff account (name, roles, offices, disabled); refused with 409 over a newer version',
          tags,
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({ version: recordVersion, name: fields.name.optional(), roles: fields.roles.optional(), offices: fields.offices.optional(), disabled: z.boolean().optional() }),
          response: { 200: z.object({ user: UserSchema }) },
        },
      },
      async (request) => ({ user: await users.update(signedInOf(request).actor, request.params.id, request.body) }),
    );

    app.post(
      '/api/users/:id/setup-link',
      { config: manage, schema: { summary: 'A new one-time set-up link (to choose a new password)', tags, params: z.object({ id: z.uuid() }), response: { 200: z.object({ setupLink: z.string() }) } } },
      async (request) => ({ setupLink: await users.newSetupLink(signedInOf(request).actor, request.params.id, originOf(request)) }),
    );

    app.post(
      '/api/users/:id/reset-mfa',
      { config: manage, schema: { summary: 'Remove the second factor; the next sign-in enrols a new one', tags, params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
      async (request, reply) => {
        await users.resetMfa(signedInOf(request).actor, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/offices',
      {
        config: { access: 'signed_in' },
        schema: { summary: 'Offices of the assistance system', tags: ['code lists'], response: { 200: z.object({ offices: z.array(z.object({ code: z.string(), name: z.object({ fi: z.string(), sv: z.string(), en: z.string() }), retired: z.boolean() })) }) } },
      },
      async () => {
        const rows = await ctx.database.db.selectFrom('office').selectAll().orderBy('code').execute();
        return { offices: rows.map((o) => ({ code: o.code, name: { fi: o.nameFi, sv: o.nameSv, en: o.nameEn }, retired: o.retired })) };
      },
    );
  };
}
