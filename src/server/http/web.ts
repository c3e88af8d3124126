import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { markRoutesPublic } from '../access/route-access.js';
import { sendError } from './error-handler.js';

export const WEB_DIST_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/**
 * Serves the built web application at `/`. Unknown paths outside `/api` get the app's
 * index.html so that the browser router can show them.
 */
export async function registerWebApp(app: FastifyInstance, dir: string = WEB_DIST_DIR) {
  const indexFile = `${dir}/index.html`;
  const built = existsSync(indexFile);
  const indexHtml = built ? readFileSync(indexFile, 'utf8') : null;
  if (!built) app.log.warn({ dir }, 'the web application is not built; run `npm run build`');
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    if (built) {
      await scope.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: false, setHeaders: (res, filePath) => {
        // Hashed assets never change; the page itself must always be fresh.
        res.header('cache-control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      } });
    }
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && indexHtml) return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    return sendError(request, reply, 404, 'not_found');
  });
}
