import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { centreConfigFrom, loadCentreConfig } from '../../../api/centre-config.ts';
import { loadConfig } from '../../../api/config.ts';

describe("a centre's own configuration", () => {
  it('uses the national five-level scale, a 15-working-day window and −2 / 100 % / −1 without a file', () => {
    const config = loadCentreConfig(undefined);
    expect(config.rating.scale.levels.map((l) => l.name)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(config.rating.windowDays).toBe(15);
    expect(config.scoring).toMatchObject({ dissatisfiedPoints: 2, ratingRateTarget: 100, pointsPerPercentBelow: 1, accountabilityPoints: { timeout: 1, inaction: 1, unsigned: 1, absence: 1 } });
  });

  it('takes the four-level scale, its window and score rules from the file named by LIANSHEN_CENTRE_CONFIG', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'centre-')), 'centre.json');
    writeFileSync(file, JSON.stringify({ rating: { scale: 'four-level', windowDays: 10 }, scoring: { ratingRateTarget: 90, dissatisfiedPoints: 3, accountabilityPoints: { absence: 2 } } }));
    const config = loadConfig({ LIANSHEN_CENTRE_CONFIG: file }).centre;
    expect(config.rating.scale.levels.map((l) => l.name)).toEqual(['很满意', '满意', '一般', '不满意']);
    expect(config.rating.windowDays).toBe(10);
    expect(config.scoring).toMatchObject({ ratingRateTarget: 90, dissatisfiedPoints: 3, accountabilityPoints: { timeout: 1, absence: 2 } });
  });

  it('refuses a bad value naming the field', () => {
    expect(() => centreConfigFrom({ scoring: { ratingRateTarget: 80 } })).toThrow(/scoring\.ratingRateTarget/);
    expect(() => centreConfigFrom({ rating: { scale: 'seven-level' } })).toThrow(/rating\.scale/);
    expect(() => centreConfigFrom({ ratings: {} })).toThrow(/ratings|root/);
  });
});
