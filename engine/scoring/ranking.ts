/** Ranking of one kind of unit: highest score first, ties share a rank (1, 1, 3 …). */

export type Ranked<T> = T & {
  rank: number;
  /** 服务明星: within the top `stars` ranks (and not the last: in a group of three, two are stars). */
  star: boolean;
  /** The lowest score of the group (only when scores differ at all). */
  last: boolean;
};

/** Rank by score (ties broken by id for a stable order); the top ranks are stars, the lowest is flagged. */
export function rankUnits<T extends { unitId: string; score: number }>(units: T[], stars: number): Ranked<T>[] {
  const sorted = [...units].sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId));
  const top = sorted[0]?.score;
  const bottom = sorted.at(-1)?.score;
  return sorted.map((u) => {
    const rank = 1 + sorted.filter((o) => o.score > u.score).length;
    const last = u.score === bottom && bottom !== top;
    return { ...u, rank, star: rank <= stars && !last, last };
  });
}
