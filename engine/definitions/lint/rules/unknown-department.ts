/**
 * Every participant names a department kind (`xf`) at a level; the case's region turns it into a
 * real department, so the centre must have that kind at that level or the task reaches nobody.
 */
import { DEPARTMENT_KINDS } from '../../../org/department-kinds.ts';
import { quoted, stringProp } from '../../rules/moddle-access.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { describeParticipant, participantsOf } from '../../rules/participant-list.ts';
import { definitionsRule } from '../definitions-rule.ts';
import type { KnownDepartment } from '../lint-types.ts';

const STATIC_DEPARTMENTS: readonly KnownDepartment[] = DEPARTMENT_KINDS.flatMap((kind) => kind.levels.map((level) => ({ kind: kind.code, level })));

export function unknownDepartment(departments: readonly KnownDepartment[] = STATIC_DEPARTMENTS) {
  const known = new Set(departments.map((d) => key(d.kind, d.level)));
  const kinds = new Set(departments.map((d) => d.kind));
  return definitionsRule(({ userTasks }) => userTasks.flatMap((task) => participantsOf(task).flatMap((participant, index) => {
    const department = stringProp(participant, 'department')?.trim() ?? '';
    const level = stringProp(participant, 'level')?.trim() ?? '';
    if (known.has(key(department, level))) return [];
    const who = describeParticipant(participant, index);
    let reason: string;
    if (!department) reason = `${who} names no department`;
    else if (!kinds.has(department)) reason = `${who}: unknown department ${quoted(department)}`;
    else reason = `${who}: there is no ${quoted(department)} department at level ${quoted(level || '(none)')}`;
    return [{ path: idOf(task) ?? 'file', reason }];
  })));
}

function key(kind: string, level: string): string {
  return `${kind}\u0000${level}`;
}
