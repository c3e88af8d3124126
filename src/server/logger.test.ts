import { describe, expect, it } from 'vitest';
import { createLogger, loggableUrl } from './logger.js';

describe('request URLs in the logs', () => {
  it('keep the path and the names of the query parameters, never their values', () => {
    expect(loggableUrl('/api/clients?q=Mai%20Tran&page=2&q=again')).toBe('/api/clients?q=…&page=…');
    expect(loggableUrl('/api/clients/1f0e0c4e-1111-4c1c-8c1c-111111111111')).toBe('/api/clients/1f0e0c4e-1111-4c1c-8c1c-111111111111');
    expect(loggableUrl('/api/x?')).toBe('/api/x?');
    expect(loggableUrl(undefined)).toBeUndefined();
  });

  it('are written that way by the logger the server uses', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info({ req: { method: 'GET', url: '/api/clients?q=Mai+Tran', ip: '10.0.0.1', headers: { cookie: 'secret' } } }, 'incoming request');
    expect(JSON.parse(lines[0]!).req).toEqual({ method: 'GET', url: '/api/clients?q=…', remoteAddress: '10.0.0.1' });
    expect(lines.join('')).not.toContain('Mai');
  });
});
