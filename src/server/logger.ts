import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * Structured JSON logs with UTC timestamps. Request URLs never carry identifying data by
 * design; cookies and credentials are removed before anything is written.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.code', '*.token'],
      censor: '[redacted]',
    },
  });
}
