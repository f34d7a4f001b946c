/**
 * A task that waits for someone needs a limit and a default (超时默认 / 缺席默认), or a missed
 * limit turns no light red and fires nothing. Receive tasks and intermediate catch events wait
 * for a message with no limit the platform could count at all.
 */
import type { Problem } from '../../../errors/domain-error.ts';
import { waitingProblems } from '../../rules/limits-and-defaults.ts';
import { friendlyTypeName } from '../../rules/moddle-access.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { definitionsRule } from '../definitions-rule.ts';

const UNLIMITED_WAITS = new Set(['bpmn:ReceiveTask', 'bpmn:IntermediateCatchEvent']);

export const waitingTaskLimit = definitionsRule(({ userTasks, visits }) => [
  ...userTasks.flatMap((task) => waitingProblems(task, idOf(task) ?? 'file')),
  ...visits.filter(({ element }) => UNLIMITED_WAITS.has(element.$type)).map(({ element }): Problem => ({
    path: idOf(element) ?? 'file',
    reason: `a ${friendlyTypeName(element.$type)} waits with no time limit and no default: model the wait as a user task with approval:reviewDays`,
  })),
]);
