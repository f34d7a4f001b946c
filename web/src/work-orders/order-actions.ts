/**
 * What the signed-in user may do with a work order now, as the API decides it
 * (api/work-orders/work-order-routes.ts): the hotline (window) dispatches or answers at once and
 * calls back; the department the order is routed to signs for it or returns it, then answers;
 * a supervisor concludes a 督办.
 */
import type { WorkOrderSummary } from './types.ts';

export type OrderAction = 'route' | 'close' | 'sign' | 'return' | 'answer' | 'callback' | 'supervise';

interface Actor { role: string; departmentId: string | null }

/** The actions open to `user` on `order`, in the order the screen offers them. */
export function orderActions(order: Pick<WorkOrderSummary, 'status' | 'stage' | 'handlingDepartmentId' | 'handleSigned' | 'returnable' | 'supervised'>, user: Actor): OrderAction[] {
  if (order.status !== 'running') return [];
  switch (user.role) {
    case 'window':
      if (order.stage === 'dispatch') return ['route', 'close'];
      return order.stage === 'callback' ? ['callback'] : [];
    case 'reviewer':
    case 'lead':
      if (order.stage !== 'handle' || !user.departmentId || order.handlingDepartmentId !== user.departmentId) return [];
      // 退回 only before signing and within the sign-for limit; once signed the order is handled (答复).
      if (order.handleSigned) return ['answer'];
      return order.returnable ? ['sign', 'return'] : ['sign'];
    case 'supervisor':
      return order.supervised ? ['supervise'] : [];
    default:
      return [];
  }
}
