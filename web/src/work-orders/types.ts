/** The 12345 work order as the API presents it (api/work-orders/work-order-presenter.ts). */

export const WORK_ORDER_ITEM = '200150001000';

/** Where an order waits: 派单, 办理, 回访, only 督办, or closed. */
export type Stage = 'dispatch' | 'handle' | 'callback' | 'supervise' | 'closed';

export interface WorkOrderSummary {
  id: string;
  caseNumber: string;
  regionCode: string;
  status: 'running' | 'completed' | 'cancelled';
  stage: Stage;
  handlingDepartmentId: string | null;
  handlingDepartmentName: string | null;
  /** null while no department holds the order. */
  handleSigned: boolean | null;
  handleDueAt: string | null;
  /** 退回 is still open to the handling department (not signed for, within the sign-for limit), by the server's clock. */
  returnable: boolean;
  supervised: boolean;
  createdAt: string;
  dueAt: string | null;
  endedAt: string | null;
}

export interface WorkOrder extends WorkOrderSummary {
  applicantId: string;
  departmentNames: Record<string, string>;
  coordinatorDepartmentId: string | null;
  dutyOfficerAlerted: boolean;
  escalated: boolean;
  urged: number;
  routings: { departmentId: string; instructions: string | null; at: string }[];
  returns: { departmentId: string | null; reason: string; reasonText: string; comment: string | null; at: string }[];
  answer: { departmentId: string | null; text: string | null; at: string } | null;
  callback: { rating: 'satisfied' | 'unsatisfied'; comment: string | null; at: string } | null;
  supervision: { conclusion: string | null; at: string } | null;
  tasks: { id: string; elementId: string; status: string; departmentId: string | null; signDueAt: string | null; dueAt: string | null }[];
}

export interface ReturnReason { code: string; text: string }

export interface RouteTarget { id: string; name: string; level: string; regionCode: string; regionName: string }
