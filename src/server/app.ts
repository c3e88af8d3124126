import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
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
import { registerSecurity } from './http/security.js';
import { registerWebApp } from './http/web.js';
import { loggerOptions } from './logger.js';
import { healthRoutes } from './modules/health/health.routes.js';

export interface BuildOptions {
  /** Serve the built web app from this folder (tests may point elsewhere or leave it out). */
  webDir?: string;
}

/** Plugins, routes and error mapping — nothing else. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(ctx.config.logLevel),
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });

  registerRouteAccess(app);
  registerErrorHandling(app);
  await registerSecurity(app, ctx.config.publicOrigin);

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

  await registerWebApp(app, options.webDir);
  return app;
}
