/** Administrative levels at which an approval item is implemented (同一事项、同一标准、同一编码). */
export const LEVELS = ['province', 'city', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

/** True when `value` names one of the four administrative levels. */
export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Depth of a level: a lower number is higher in the hierarchy. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
