/**
 * What a lint rule looks at: the deploy rules' model of the whole tree, with the item's process
 * chosen the way a drawing needs it — a fresh bpmn-js diagram is not yet marked executable, but
 * its one process is still the item being drawn.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { buildModel, type DefinitionModel } from '../rules/definition-model.ts';

/**
 * The model of `definitions`, built fresh on every call: bpmn-js edits the same moddle tree in
 * place between lint runs, so nothing may be cached across runs.
 */
export function lintModel(definitions: ModdleElement): DefinitionModel {
  const model = buildModel(definitions, []);
  if (model.process || model.processes.length !== 1) return model;
  return { ...model, process: model.processes[0] };
}
