/** How a case event reads in the applicant's history: its name, and the department it concerns. */
import { messages, type MessageKey } from '../messages.ts';

// Engine bookkeeping the applicant need not read (the department rows show the same facts).
const HIDDEN = new Set(['task-created', 'task-completed', 'task-closed', 'calendar-provisional', 'duty-officer-alerted']);

export function isMilestone(type: string): boolean {
  return !HIDDEN.has(type);
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function eventLabel(t: T, e: { type: string; payload?: Record<string, unknown> }, departments: Map<string, string> = new Map()): string {
  const key = `event.${e.type}` as MessageKey;
  const name = key in messages.zh ? t(key) : e.type;
  const departmentId = typeof e.payload?.departmentId === 'string' ? e.payload.departmentId : undefined;
  const decision = typeof e.payload?.decision === 'string' ? e.payload.decision : undefined;
  const parts = [name];
  if (departmentId) parts.push(departments.get(departmentId) ?? departmentId);
  if (e.type === 'opinion' && decision) {
    parts.push(t(decision === 'approve' ? 'state.approved' : decision === 'reject' ? 'state.rejected' : 'state.supplement'));
  }
  return parts.join(' · ');
}
