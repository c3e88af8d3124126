import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { markRoutesPublic, registerRouteAccess } from './access/route-access.js';
import type { AppContext } from './context.js';
import { registerErrorHandling } from './http/error-handler.js';
import { answerUnroutableUrl, registerSecurity } from './http/security.js';
import { registerTextGuard } from './http/text-guard.js';
import { registerWebApp } from './http/web.js';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import { SESSION_COOKIE } from './access/route-access.js';
import { authRoutes, metaOf } from './modules/auth/auth.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createOidcService } from './modules/auth/oidc.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { createUsersService } from './modules/users/users.service.js';
import { auditRoutes } from './audit/audit.routes.js';
import { createApplicationsService } from './modules/intake/applications.service.js';
import { createDecisionsService } from './modules/intake/decisions.service.js';
import { createHelplineService } from './modules/intake/helpline.service.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { createWorklistsService } from './modules/intake/worklists.service.js';
import { retentionRoutes } from './modules/retention/retention.routes.js';
import { createRetentionService } from './modules/retention/retention.service.js';
import { subjectAccessRoutes } from './modules/subject-access/subject-access.routes.js';
import { createSubjectAccessService } from './modules/subject-access/subject-access.service.js';
import { statisticsRoutes } from './modules/statistics/statistics.routes.js';
import { createStatisticsService } from './modules/statistics/statistics.service.js';
import { createAttachmentsService } from './modules/clients/attachments.service.js';
import { clientExportRoutes } from './modules/clients/client-export.routes.js';
import { clientRecordsRoutes } from './modules/clients/client-records.routes.js';
import { createClientRecordsService } from './modules/clients/client-records.service.js';
import { clientsRoutes } from './modules/clients/clients.routes.js';
import { exchangeRoutes } from './exchange/exchange.routes.js';
import { createClientsService } from './modules/clients/clients.service.js';
import { lettersRoutes } from './modules/letters/letters.routes.js';
import { createLettersService } from './modules/letters/letters.service.js';

export interface BuildOptions {
  /** Serve the built web app from this folder (tests may point elsewhere or leave it out). */
  webDir?: string;
  logger?: Logger;
}

/** Plugins, routes and error mapping — nothing else. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger(ctx.config.logLevel)) as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    trustProxy: false,
    frameworkErrors: answerUnroutableUrl,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });

  // Order matters: headers and the Origin check first, then who is asking.
  registerErrorHandling(app);
  await registerSecurity(app, ctx.config.publicOrigin);
  registerTextGuard(app);
  await app.register(cookie);
  const auth = createAuthService(ctx);
  registerRouteAccess(app, (request) => auth.authenticate(request.cookies[SESSION_COOKIE], metaOf(request)));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Suoja API',
        description: 'Case management and statistics for the assistance system for victims of trafficking in human beings.',
        version: ctx.version,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(async (docs) => {
    markRoutesPublic(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });

  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(auth, createOidcService(ctx), ctx.config.publicOrigin));
  await app.register(usersRoutes(ctx, createUsersService(ctx)));
  await app.register(auditRoutes(ctx));
  await app.register(clientsRoutes(ctx, createClientsService(ctx)));
  await app.register(clientExportRoutes(ctx));
  await app.register(clientRecordsRoutes(createClientRecordsService(ctx), createAttachmentsService(ctx)));
  await app.register(subjectAccessRoutes(createSubjectAccessService(ctx)));
  await app.register(retentionRoutes(createRetentionService(ctx)));
  await app.register(statisticsRoutes(createStatisticsService(ctx)));
  await app.register(lettersRoutes(createLettersService(ctx)));
  await app.register(
    intakeRoutes(ctx, {
      helpline: createHelplineService(ctx),
      applications: createApplicationsService(ctx),
      decisions: createDecisionsService(ctx),
      worklists: createWorklistsService(ctx),
    }),
  );

  await app.register(exchangeRoutes(ctx));

  await registerWebApp(app, options.webDir);
  return app;
}
