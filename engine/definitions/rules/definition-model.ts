/**
 * What every validation rule receives: the parsed tree, the reader's warnings and views built
 * once (all elements, the executable process, its user tasks).
 */
import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../errors/domain-error.ts';
import { elementList } from './moddle-access.ts';
import { type Visit, walk } from './moddle-tree.ts';

export interface DefinitionModel {
  definitions: ModdleElement;
  warnings: readonly unknown[];
  /** Every element in document order. */
  visits: readonly Visit[];
  /** Every `bpmn:Process`, executable or not. */
  processes: readonly ModdleElement[];
  /** The executable process when there is exactly one (the item), else undefined. */
  process: ModdleElement | undefined;
  /** Every user task anywhere in the file. */
  userTasks: readonly ModdleElement[];
}

/** One concern of validation: reads the model, returns its problems, never throws on purpose. */
export type Rule = (model: DefinitionModel) => Problem[];

/** Build the views every rule shares. */
export function buildModel(definitions: ModdleElement, warnings: readonly unknown[]): DefinitionModel {
  const visits = walk(definitions);
  const processes = elementList(definitions, 'rootElements').filter((el) => el.$type === 'bpmn:Process');
  const executable = processes.filter((el) => el.isExecutable === true);
  return {
    definitions,
    warnings,
    visits,
    processes,
    process: executable.length === 1 ? executable[0] : undefined,
    userTasks: visits.filter((v) => v.element.$type === 'bpmn:UserTask').map((v) => v.element),
  };
}
