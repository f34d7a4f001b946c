/**
 * The moddle context bpmn-engine runs for a version: the deployed file's, except that a task's
 * multi-instance loop (会签 over its participants) is left out. The engine then holds one waiting
 * execution per round and the runtime fans it out into one task row per department
 * (cases/fan-out.ts). The rows already decide the round (the join is the last row's opinion),
 * so the engine's eight instances only cost: each carries its own brokers and queues, which made
 * a construction permit's engine state 1.8× as large (18.8 against 10.6 KB of JSON) and its
 * rebuild and join signal about a quarter dearer (measured on bare bpmn-engine).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ItemModel } from './item-model.ts';

interface SerializedActivity {
  id: string;
  behaviour?: { loopCharacteristics?: unknown };
}

/** The engine's form of a serialized context (moddle-context-serializer JSON); a new object. */
export function engineContext(sourceContext: unknown, item: ItemModel): unknown {
  const context = structuredClone(sourceContext) as { activities?: SerializedActivity[] };
  for (const activity of context.activities ?? []) {
    if (item.tasks[activity.id]?.multiInstance && activity.behaviour) delete activity.behaviour.loopCharacteristics;
  }
  return context;
}

/**
 * True when a stored version runs this compiled file as it is: the same text in the same engine
 * form (deep equality: a jsonb round trip reorders keys). Deploying it again would add nothing;
 * the same text compiled by a runtime that runs it differently is a new version.
 */
export function sameVersion(stored: { xml: string; sourceContext: unknown }, compiled: { xml: string; sourceContext: unknown }): boolean {
  return stored.xml === compiled.xml && isDeepStrictEqual(stored.sourceContext, compiled.sourceContext);
}
