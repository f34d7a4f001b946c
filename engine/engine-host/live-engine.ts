/**
 * One case's running bpmn-engine plus what it did since the runtime last looked: new waits
 * (tasks to create), ended user tasks (rows to close) and whether the process completed.
 */
import { EventEmitter } from 'node:events';
import type { ActivityApi, Engine, Execution } from 'bpmn-engine';
import { ConflictError } from '../errors/domain-error.ts';
import { newEngine } from './build-engine.ts';
import { engineFootprint } from './engine-footprint.ts';

export interface EngineWait {
  elementId: string;
  executionId: string;
  participant: Record<string, unknown> | undefined;
}

export interface EngineEffects {
  waits: EngineWait[];
  endedTasks: string[];
  /** End events reached (their `approval:outcome` says how the case ended). */
  endEvents: string[];
  completed: boolean;
}

export class LiveEngine {
  private effects: EngineEffects = { waits: [], endedTasks: [], endEvents: [], completed: false };
  private muted = false;
  /** The footprint as last estimated; elements come and go only when the engine moves. */
  private footprintBytes: number | undefined;

  private constructor(private readonly engine: Engine, private execution: Execution | undefined) {}

  /** Start a new case's process with its initial variables. */
  static async start(caseId: string, definitionId: number, sourceContext: unknown, variables: Record<string, unknown>): Promise<LiveEngine> {
    const live = new LiveEngine(newEngine(caseId, definitionId, sourceContext), undefined);
    live.execution = await live.engine.execute({ listener: live.listener(), variables });
    return live;
  }

  /** Rebuild a case's engine from its saved state (a new Engine each time: v25 cannot re-recover). */
  static async restore(caseId: string, definitionId: number, sourceContext: unknown, state: unknown): Promise<LiveEngine> {
    const live = new LiveEngine(newEngine(caseId, definitionId, sourceContext), undefined);
    live.engine.recover(state);
    // Resuming re-announces every waiting task; those rows exist already.
    live.muted = true;
    live.execution = await live.engine.resume({ listener: live.listener() });
    live.muted = false;
    return live;
  }

  /** True when the engine has this execution waiting for a signal. */
  isWaiting(elementId: string, executionId: string): boolean {
    for (const api of this.requireExecution().getPostponed()) {
      if (api.id !== elementId) continue;
      if (api.executionId === executionId) return true;
      if (api.getExecuting?.().some((child: ActivityApi) => child.executionId === executionId)) return true;
    }
    return false;
  }

  /**
   * Executions of `elementId` the engine waits on: the instances of a multi-instance task, or the
   * task's own execution.
   */
  waitingExecutions(elementId: string): string[] {
    const ids: string[] = [];
    for (const api of this.requireExecution().getPostponed()) {
      if (api.id !== elementId) continue;
      const children = api.getExecuting?.() ?? [];
      if (children.length) for (const child of children) ids.push(child.executionId);
      else ids.push(api.executionId);
    }
    return ids;
  }

  /** Deliver a signal to a waiting task; refuses (409) when it is not waiting any more. */
  signal(elementId: string, executionId: string, payload: Record<string, unknown> = {}): void {
    if (!this.isWaiting(elementId, executionId)) {
      throw new ConflictError(`task ${elementId} (${executionId}) is no longer waiting`, { elementId, executionId });
    }
    this.footprintBytes = undefined;
    this.requireExecution().signal({ ...payload, id: elementId, executionId });
  }

  /** Signal executions `waitingExecutions` just listed, without checking each again. */
  signalListed(elementId: string, executionIds: readonly string[], payload: Record<string, unknown> = {}): void {
    const execution = this.requireExecution();
    this.footprintBytes = undefined;
    for (const executionId of executionIds) execution.signal({ ...payload, id: elementId, executionId });
  }

  /** Trigger a signal event (e.g. a boundary escalation) by its signal id. */
  broadcast(signalId: string): void {
    this.footprintBytes = undefined;
    this.requireExecution().signal({ id: signalId });
  }

  /** Set a process variable that gateways read (`${environment.variables.<name>…}`). */
  setVariable(name: string, value: unknown): void {
    for (const definition of this.requireExecution().definitions) {
      for (const process of definition.getRunningProcesses()) process.environment.variables[name] = value;
    }
  }

  /** Read a process variable of the running process. */
  variable(name: string): unknown {
    for (const definition of this.requireExecution().definitions) {
      for (const process of definition.getRunningProcesses()) return process.environment.variables[name];
    }
    return undefined;
  }

  /** Approximate heap this engine retains (the engine cache is bounded by it). */
  footprint(): number {
    // Kept between signals: the cache asks after every command, most of which leave the engine alone.
    return (this.footprintBytes ??= engineFootprint(this.engine));
  }

  /** Hand over and reset what happened since the last call. */
  drainEffects(): EngineEffects {
    const effects = this.effects;
    this.effects = { waits: [], endedTasks: [], endEvents: [], completed: false };
    return effects;
  }

  /** The serializable state, without the embedded source (it is rebuilt from the version). */
  async state(): Promise<unknown> {
    const state = await this.engine.getState();
    for (const definition of state.definitions ?? []) delete definition.source;
    return state;
  }

  private requireExecution(): Execution {
    if (!this.execution) throw new Error('engine not started');
    return this.execution;
  }

  private listener(): EventEmitter {
    const listener = new EventEmitter();
    listener.on('wait', (api: ActivityApi) => {
      if (this.muted || api.type !== 'bpmn:UserTask') return;
      this.effects.waits.push({ elementId: api.id, executionId: api.executionId, participant: api.content.participant });
    });
    listener.on('activity.end', (api: ActivityApi) => {
      if (this.muted) return;
      if (api.type === 'bpmn:EndEvent') this.effects.endEvents.push(api.id);
      if (api.type === 'bpmn:UserTask') this.effects.endedTasks.push(api.id);
    });
    // An interrupting boundary event takes the task out without an end: it only leaves.
    listener.on('activity.leave', (api: ActivityApi) => {
      if (!this.muted && api.type === 'bpmn:UserTask') this.effects.endedTasks.push(api.id);
    });
    this.engine.once('end', () => {
      this.effects.completed = true;
    });
    return listener;
  }
}
