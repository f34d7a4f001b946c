/** The green channel (绿色通道) compresses limits; a green limit longer than the normal one is a mistake. */
import { greenPromisedOverPromised } from '../../rules/item-attributes.ts';
import { greenProblems, participantGreenProblems } from '../../rules/limits-and-defaults.ts';
import { idOf } from '../../rules/moddle-tree.ts';
import { definitionsRule } from '../definitions-rule.ts';

export const greenLimit = definitionsRule(({ userTasks, process }) => [
  ...(process ? greenPromisedOverPromised(process, (attribute) => `${idOf(process) ?? 'file'}.${attribute}`) : []),
  ...userTasks.flatMap((task) => {
    const id = idOf(task) ?? 'file';
    return [...greenProblems(task, id), ...participantGreenProblems(task, id)];
  }),
]);
