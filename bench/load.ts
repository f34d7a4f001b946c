/** Runs the load driver (load-driver.ts) in a child process and hands back its result. */
import { fork } from 'node:child_process';
import type { LoadPlan, LoadResult } from './load-driver.ts';

export interface LoadHooks {
  /** Called once warm-up is over, before the first timed request is sent. */
  beforeTimed?: () => Promise<void> | void;
  /** Called as soon as the last timed answer arrived. */
  afterTimed?: () => Promise<void> | void;
}

export async function runLoad(plan: LoadPlan, hooks: LoadHooks = {}): Promise<LoadResult> {
  const child = fork(new URL('./load-driver.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let finished: Promise<LoadResult> | undefined;
    child.on('message', (message: { type: string }) => {
      if (message.type === 'ready') {
        Promise.resolve(hooks.beforeTimed?.()).then(() => child.send({ type: 'go' }), reject);
      } else if (message.type === 'done') {
        finished = Promise.resolve(hooks.afterTimed?.()).then(() => message as LoadResult);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (finished && code === 0) finished.then(resolve, reject);
      else reject(new Error(`load driver exited with code ${code}${finished ? '' : ' before reporting'}`));
    });
    child.send(plan);
  });
}
