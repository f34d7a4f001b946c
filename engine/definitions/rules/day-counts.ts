/** Shared checks for limits counted in working days (or reminders counted in times). */

/** True when `value` is a usable limit: a whole number, 0 or more. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** True when the attribute was written at all (moddle gives NaN for unreadable numbers). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Why `value` of attribute `name` is not a usable limit, or undefined when it is (or is absent). */
export function countProblem(name: string, value: unknown): string | undefined {
  if (!isPresent(value) || isCount(value)) return undefined;
  const unit = name === 'maxReminders' ? 'a whole number' : 'a whole number of working days';
  return `approval:${name} must be ${unit}, 0 or more`;
}
