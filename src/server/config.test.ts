import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to port 8080 on 127.0.0.1 with the embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('data', 'pglite') });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://suoja@db.example/suoja', PORT: '9000', HOST: '0.0.0.0' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://suoja@db.example/suoja' });
    expect(config.port).toBe(9000);
    expect(config.host).toBe('0.0.0.0');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('pglite');
  });

  it('refuses bad values and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('keeps the public origin without a path', () => {
    expect(loadConfig({ SUOJA_PUBLIC_URL: 'https://suoja.example.fi/app/' }).publicOrigin).toBe('https://suoja.example.fi');
  });
});
