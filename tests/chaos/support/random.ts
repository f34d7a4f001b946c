/**
 * Seeded randomness (mulberry32), so a chaos run can be repeated exactly: the seed is printed
 * with the results and taken from LIANSHEN_CHAOS_SEED when set.
 */
export interface Random {
  seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(weighted: ReadonlyArray<readonly [T, number]>): T;
}

export function seededRandom(seed: number = Number(process.env.LIANSHEN_CHAOS_SEED) || 20_261_130): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (weighted) => {
      const total = weighted.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, weight] of weighted) if ((roll -= weight) < 0) return value;
      return weighted.at(-1)![0];
    },
  };
}
