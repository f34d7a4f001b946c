/**
 * The materials list (申请材料) is published in the catalogue and checked at acceptance
 * (容缺受理 depends on `essential`), so each material needs a unique code and a name.
 */
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { elementList, quoted, stringProp } from './moddle-access.ts';
import type { Visit } from './moddle-tree.ts';

/** Material codes are present and unique per list; names are non-empty; materials sit in a list. */
export const materials: Rule = ({ visits }) => visits.flatMap((visit) => {
  const path = `${visit.ownerId ?? 'file'}.materials`;
  if (visit.element.$type === 'approval:Material' && visit.parent?.$type !== 'approval:Materials') {
    return [{ path, reason: 'put each approval:material inside approval:materials' }];
  }
  return visit.element.$type === 'approval:Materials' ? listProblems(visit, path) : [];
});

function listProblems({ element }: Visit, path: string): Problem[] {
  const seen = new Set<string>();
  return elementList(element, 'materials').flatMap((material, index) => {
    const problems: Problem[] = [];
    const code = stringProp(material, 'code')?.trim() ?? '';
    const which = `material ${index + 1}${code ? ` (${quoted(code)})` : ''}`;
    if (!code) problems.push({ path, reason: `${which} has no code` });
    else if (seen.has(code)) problems.push({ path, reason: `${which}: the code ${quoted(code)} is used by more than one material` });
    seen.add(code);
    if (!stringProp(material, 'name')?.trim()) problems.push({ path, reason: `${which} has no name` });
    return problems;
  });
}
