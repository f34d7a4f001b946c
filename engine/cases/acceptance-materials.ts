/**
 * What the window found at acceptance (受理审查): an optional material the applicant did not hand
 * in does not stop acceptance, but the 受理通知书 must not say it was received. The window names
 * such materials; an essential one cannot be among them (refuse instead, 一次性告知), nor one
 * accepted as owed (容缺, which has its own promised date).
 */
import { ValidationError, type Problem } from '../errors/domain-error.ts';
import type { ItemModel } from '../definitions/item-model.ts';

/** Check the codes of optional materials not received against the item; throws naming each bad entry. */
export function checkNotReceived(item: Pick<ItemModel, 'materials'>, notReceived: readonly string[], owed: readonly string[]): void {
  const seen = new Set<string>();
  const problems = notReceived.flatMap((code, i): Problem[] => {
    const path = `notReceived.${i}`;
    const spec = item.materials.find((m) => m.code === code);
    if (!spec) return [{ path, reason: `unknown material "${code}"` }];
    if (spec.essential) return [{ path, reason: `"${spec.name}" is essential: without it the application is refused, not accepted` }];
    if (owed.includes(code)) return [{ path, reason: `"${spec.name}" is accepted as owed (容缺) with a promised date` }];
    if (seen.has(code)) return [{ path, reason: `"${spec.name}" is listed twice` }];
    seen.add(code);
    return [];
  });
  if (problems.length) throw new ValidationError('materials not received must be optional materials of the item', problems);
}
