/**
 * How much heap a live bpmn-engine holds, estimated from its message brokers. Nearly all of a
 * live engine is smqp plumbing: every element (activity, sequence flow, process, definition,
 * the engine) has its own broker, and every exchange, queue and consumer of a broker carries
 * its own event exchange, delivery queue and consumer queues. Heap snapshots of the
 * construction permit (14 activities, 17 flows) measured ~1.3 MB per engine and ~4 KB per
 * exchange + queue + consumer, waiting for acceptance (315 of them) and in the eight-way joint
 * review (346) alike; the variables, the stored-state snapshot beside it and the definition
 * (shared per version) are small next to that.
 */

/** Heap per smqp exchange, queue or consumer, plumbing included (measured, see above). */
export const BYTES_PER_BROKER_ENTITY = 4096;
/** The engine, its environment and what the cache keeps beside it (case row, open tasks). */
export const BYTES_PER_ENGINE = 16 * 1024;

interface CountingBroker {
  exchangeCount: number;
  queueCount: number;
  consumerCount: number;
}
interface WithBroker { broker?: CountingBroker }
interface ProcessLike extends WithBroker {
  getActivities?(): WithBroker[];
  getSequenceFlows?(): WithBroker[];
}
interface DefinitionLike extends WithBroker { getProcesses?(): ProcessLike[] }
interface EngineLike extends WithBroker { execution?: { definitions?: DefinitionLike[] } }

/** Approximate bytes a live engine retains (a few microseconds: one walk over its elements' brokers). */
export function engineFootprint(engine: unknown): number {
  const e = engine as EngineLike;
  const brokers = new Set<CountingBroker>();
  const add = (owner: WithBroker | undefined) => {
    if (owner?.broker) brokers.add(owner.broker);
  };
  add(e);
  for (const definition of e.execution?.definitions ?? []) {
    add(definition);
    for (const process of definition.getProcesses?.() ?? []) {
      add(process);
      for (const activity of process.getActivities?.() ?? []) add(activity);
      for (const flow of process.getSequenceFlows?.() ?? []) add(flow);
    }
  }
  let entities = 0;
  for (const b of brokers) entities += (b.exchangeCount || 0) + (b.queueCount || 0) + (b.consumerCount || 0);
  return BYTES_PER_ENGINE + entities * BYTES_PER_BROKER_ENTITY;
}
