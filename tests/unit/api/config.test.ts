import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../api/config.ts';

describe('configuration from the environment', () => {
  it('uses the defaults when nothing is set, and treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
  });

  it('refuses a bad PORT and names it', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses a DATABASE_URL that is not a URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'localhost:5432' })).toThrow(/DATABASE_URL/);
  });

  it('reads the embedded PostgreSQL’s niceness and refuses one outside 0–19, naming it', () => {
    expect(loadConfig({}).pgNice).toBeUndefined();
    expect(loadConfig({ LIANSHEN_PG_NICE: '0' }).pgNice).toBe(0);
    expect(loadConfig({ LIANSHEN_PG_NICE: '10' }).pgNice).toBe(10);
    expect(() => loadConfig({ LIANSHEN_PG_NICE: '20' })).toThrow(/LIANSHEN_PG_NICE/);
    expect(() => loadConfig({ LIANSHEN_PG_NICE: '-5' })).toThrow(/LIANSHEN_PG_NICE/);
  });

  it('keeps uploads never handed in for 30 days unless told otherwise, and refuses a retention outside 1–3650 days, naming it', () => {
    expect(loadConfig({}).uploadRetentionDays).toBe(30);
    expect(loadConfig({ LIANSHEN_UPLOAD_RETENTION_DAYS: '7' }).uploadRetentionDays).toBe(7);
    expect(() => loadConfig({ LIANSHEN_UPLOAD_RETENTION_DAYS: '0' })).toThrow(/LIANSHEN_UPLOAD_RETENTION_DAYS/);
    expect(() => loadConfig({ LIANSHEN_UPLOAD_RETENTION_DAYS: 'a week' })).toThrow(/LIANSHEN_UPLOAD_RETENTION_DAYS/);
  });
});
