/**
 * Builds bpmn-engine instances for cases. The moddle context is deserialized once per
 * definition version and shared; scripts are refused even though deploy validation already
 * keeps them out — uploaded code never runs on the server.
 */
import { Engine } from 'bpmn-engine';
import * as elements from 'bpmn-elements';
import { deserialize, TypeResolver } from 'moddle-context-serializer';
import { pruneDeadPaths, type SerializedElements } from './dead-paths.ts';

const contexts = new Map<number | string, unknown>();

// Defence in depth: bpmn-engine's default would run JavaScript in a vm. Without a language a
// condition is a plain `${…}` expression, which bpmn-elements resolves as a property path.
const refusingScripts = {
  register() {},
  getScript(language: string | undefined, activity: { id: string }) {
    if (!language) return undefined;
    return {
      execute() {
        throw new Error(`script in <${activity.id}> (${language}) refused: scripts never run on the server`);
      },
    };
  },
};

const silentLogger = () => ({ debug() {}, error() {}, warn() {} });

export interface EngineBuildOptions {
  /** Run bpmn-elements' dead-path elimination everywhere, as plain bpmn-engine does (the bench's reference). */
  everyDeadPath?: boolean;
}

/** A fresh, unstarted engine for one case of a definition version. */
export function newEngine(caseId: string, definitionId: number, sourceContext: unknown, options: EngineBuildOptions = {}): Engine {
  const key = options.everyDeadPath ? `${definitionId}:every-dead-path` : definitionId;
  let context = contexts.get(key);
  if (!context) {
    const deserialized = deserialize(sourceContext as never, TypeResolver(elements));
    if (!options.everyDeadPath) pruneDeadPaths(deserialized.elements as SerializedElements);
    context = memoizeSerialize(deserialized);
    contexts.set(key, context);
  }
  return new Engine({
    name: caseId,
    sourceContext: context,
    scripts: refusingScripts,
    Logger: silentLogger,
    // All participants of a joint review must wait at once; bpmn-elements starts the next
    // batch only when the previous one finished.
    settings: { batchSize: 500 },
  });
}

/**
 * bpmn-engine's getState() serializes the whole source context into every state (LiveEngine
 * drops it again before saving). The context is immutable and shared by every case of the
 * version, so its serialization is computed once.
 */
function memoizeSerialize<T>(context: T): T {
  const api = context as { serialize?: () => string };
  const serialize = api.serialize;
  if (typeof serialize !== 'function') return context;
  let text: string | undefined;
  api.serialize = () => (text ??= serialize.call(context));
  return context;
}
