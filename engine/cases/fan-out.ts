/**
 * 会签 held by the domain: a multi-instance task reaches the engine as one waiting execution
 * (definitions/engine-context.ts) and becomes one task row per participant. A row's execution id
 * is the engine's plus its participant's place in the round, which keeps the rows unique per
 * case and in the order the item lists its departments.
 *
 * Versions deployed before kept the loop: there each instance waits on its own execution, and a
 * row's execution id is the engine's own (no separator).
 */
// bpmn-elements makes its ids broker-safe (no '#'), so the last '#' is always ours.
const SEPARATOR = '#';

/** Execution id of the row for the participant at `index` of a fanned-out wait. */
export function fanOutExecutionId(engineExecutionId: string, index: number): string {
  return `${engineExecutionId}${SEPARATOR}${String(index).padStart(3, '0')}`;
}

/** The engine execution a task row waits on. */
export function engineExecutionOf(rowExecutionId: string): string {
  const at = rowExecutionId.lastIndexOf(SEPARATOR);
  return at < 0 ? rowExecutionId : rowExecutionId.slice(0, at);
}
