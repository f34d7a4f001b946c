// bpmn-engine's bundled types lag behind v25; declare the small surface the runtime uses.
declare module 'bpmn-engine' {
  import type { EventEmitter } from 'node:events';
  export interface ActivityApi {
    id: string;
    type: string;
    executionId: string;
    content: Record<string, any>;
    getExecuting?(): ActivityApi[];
  }
  export interface Execution {
    state: string;
    environment: { variables: Record<string, any> };
    definitions: Array<{ getRunningProcesses(): Array<{ environment: { variables: Record<string, any> } }> }>;
    getPostponed(): ActivityApi[];
    signal(message: Record<string, unknown>, options?: Record<string, unknown>): void;
    stop(): Promise<void>;
  }
  export class Engine extends EventEmitter {
    constructor(options: Record<string, unknown>);
    state: string;
    stopped: boolean;
    execute(options?: Record<string, unknown>): Promise<Execution>;
    recover(state: unknown): Engine;
    resume(options?: Record<string, unknown>): Promise<Execution>;
    getState(): Promise<any>;
    stop(): Promise<void>;
  }
}
