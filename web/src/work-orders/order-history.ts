/** An order's 办理经过 as steps in time order, read from what the API already derived from its events. */
import type { WorkOrder } from './types.ts';

export type HistoryStep =
  | { kind: 'registered'; at: string }
  | { kind: 'routed'; at: string; department: string; text: string | null }
  | { kind: 'returned'; at: string; department: string; reason: string; text: string | null }
  | { kind: 'answered'; at: string; department: string; text: string | null }
  | { kind: 'closedAtOnce'; at: string; text: string | null }
  | { kind: 'callback'; at: string; rating: 'satisfied' | 'unsatisfied'; text: string | null }
  | { kind: 'supervised'; at: string; text: string | null };

/** The steps, oldest first; departments by display name. */
export function orderHistory(order: WorkOrder): HistoryStep[] {
  const name = (id: string | null) => (id ? order.departmentNames[id] ?? id : '');
  // Within one instant (a busy hotline, a test's clock) the steps keep the order they must have
  // happened in: the k-th return answers the k-th routing and comes before the next one.
  const steps: Array<{ step: HistoryStep; rank: number }> = [{ step: { kind: 'registered', at: order.createdAt }, rank: 0 }];
  order.routings.forEach((r, k) => steps.push({ step: { kind: 'routed', at: r.at, department: name(r.departmentId), text: r.instructions }, rank: 1 + 2 * k }));
  order.returns.forEach((r, k) => steps.push({ step: { kind: 'returned', at: r.at, department: name(r.departmentId), reason: r.reasonText, text: r.comment }, rank: 2 + 2 * k }));
  const last = 2 * (order.routings.length + 1);
  if (order.answer) {
    const a = order.answer;
    steps.push({ step: a.departmentId ? { kind: 'answered', at: a.at, department: name(a.departmentId), text: a.text } : { kind: 'closedAtOnce', at: a.at, text: a.text }, rank: last });
  }
  if (order.callback) steps.push({ step: { kind: 'callback', at: order.callback.at, rating: order.callback.rating, text: order.callback.comment }, rank: last + 1 });
  if (order.supervision) steps.push({ step: { kind: 'supervised', at: order.supervision.at, text: order.supervision.conclusion }, rank: last + 2 });
  return steps.sort((a, b) => a.step.at.localeCompare(b.step.at) || a.rank - b.rank).map((s) => s.step);
}
