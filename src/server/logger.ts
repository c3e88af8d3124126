import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * A request URL as logged: its path, and of its query string only the names. A query may hold
 * what someone typed into a search box (a person's name), which must never reach the logs.
 */
export function loggableUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = [...new Set(url.slice(at + 1).split('&').map((pair) => pair.split('=')[0] ?? '').filter(Boolean))];
  return `${url.slice(0, at)}?${names.map((n) => `${n}=…`).join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
}

/**
 * Structured JSON logs with UTC timestamps. Request URLs are logged without their query values;
 * cookies and credentials are removed before anything is written. The server logs to stdout;
 * commands log to stderr, keeping stdout for their answer.
 */
export function createLogger(level: Config['logLevel'], destination: 1 | 2 | DestinationStream = 1): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.code', '*.token'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: LoggedRequest) => ({ method: req.method, url: loggableUrl(req.url), host: req.host, remoteAddress: req.ip }),
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}
