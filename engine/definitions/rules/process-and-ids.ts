/**
 * One file is one approval item: exactly one executable process (bpmn-engine runs every
 * executable process it finds) and ids that name one element each, since problems, tasks and
 * opinions are all keyed by element id.
 */
import type { Problem } from '../../errors/domain-error.ts';
import type { Rule } from './definition-model.ts';
import { quoted } from './moddle-access.ts';
import { idOf } from './moddle-tree.ts';

/** Exactly one executable process, no other process, and unique ids. */
export const processAndIds: Rule = (model) => [...processProblems(model), ...duplicateIds(model)];

function processProblems({ processes }: Parameters<Rule>[0]): Problem[] {
  const executable = processes.filter((p) => p.isExecutable === true);
  if (executable.length === 0) {
    return [{ path: 'process', reason: 'the file has no executable process: mark the item\'s process isExecutable="true"' }];
  }
  if (executable.length > 1) {
    const ids = executable.map((p) => idOf(p) ?? '?').join(', ');
    return [{ path: 'process', reason: `the file has ${executable.length} executable processes (${ids}); an item is exactly one` }];
  }
  return processes.filter((p) => p.isExecutable !== true).map((p) => ({
    path: idOf(p) ?? 'process',
    reason: 'an item holds exactly one process: remove this non-executable process (or its pool)',
  }));
}

// The reader already drops re-used ids (see parse-warnings); this covers trees built otherwise.
function duplicateIds({ visits }: Parameters<Rule>[0]): Problem[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const { element } of visits) {
    const id = idOf(element);
    if (id === undefined) continue;
    if (seen.has(id)) reported.add(id);
    seen.add(id);
  }
  return [...reported].map((id) => ({ path: id, reason: `the id ${quoted(id)} is used by more than one element; ids must be unique` }));
}
