import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/**
 * Structured JSON logs with UTC timestamps. Request URLs never carry identifying data by
 * design; cookies and credentials are removed before anything is written.
 */
export function loggerOptions(level: Config['logLevel']): FastifyServerOptions['logger'] {
  return {
    level,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.totp', '*.token'],
      censor: '[redacted]',
    },
  };
}
