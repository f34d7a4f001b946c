import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../api/config.ts';

describe('engine cache configuration', () => {
  it('reads LIANSHEN_ENGINE_CACHE_MB, and leaves the runtime default when it is unset or empty', () => {
    expect(loadConfig({ LIANSHEN_ENGINE_CACHE_MB: '120' }).engineCacheMB).toBe(120);
    expect(loadConfig({ LIANSHEN_ENGINE_CACHE_MB: '0' }).engineCacheMB).toBe(0);
    expect(loadConfig({ LIANSHEN_ENGINE_CACHE_MB: '' }).engineCacheMB).toBeUndefined();
    expect(loadConfig({}).engineCacheMB).toBeUndefined();
  });

  it('refuses a negative or non-numeric LIANSHEN_ENGINE_CACHE_MB and names it', () => {
    expect(() => loadConfig({ LIANSHEN_ENGINE_CACHE_MB: '-1' })).toThrow(/LIANSHEN_ENGINE_CACHE_MB/);
    expect(() => loadConfig({ LIANSHEN_ENGINE_CACHE_MB: 'lots' })).toThrow(/LIANSHEN_ENGINE_CACHE_MB/);
  });
});
