import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * Structured JSON logs with UTC timestamps. Request URLs never carry identifying data by
 * design; cookies and credentials are removed before anything is written. The server logs
 * to stdout; commands log to stderr, keeping stdout for their answer.
 */
export function createLogger(level: Config['logLevel'], fd: 1 | 2 = 1): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.code', '*.token'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd, sync: true }),
  );
}
