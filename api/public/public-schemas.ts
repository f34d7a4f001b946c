/**
 * The shape of 公开查询's answer. Every object is strict: this is the list of what an anonymous
 * visitor may read (department names, states, dates, countdowns) — staff, applicant, opinions'
 * reasons, conditions and materials are not on it, and a test parses real answers with it.
 */
import { z } from 'zod';

const STATES = ['awaiting-sign', 'reviewing', 'signed', 'approved', 'default-approved', 'supplement', 'rejected', 'cancelled'] as const;
const when = z.string().nullable().meta({ description: 'ISO instant' });

export const PublicProgressSchema = z.strictObject({
  caseNumber: z.string(),
  itemCode: z.string(),
  status: z.enum(['running', 'completed', 'returned', 'cancelled']),
  form: z.string(),
  acceptedAt: when,
  dueAt: when,
  endedAt: when,
  pending: z.array(z.strictObject({
    step: z.string(), departmentId: z.string().nullable(), departmentName: z.string().nullable(), dueAt: when,
  })).meta({ description: 'the steps open now and the department holding each' }),
  departments: z.array(z.strictObject({
    departmentId: z.string(),
    departmentName: z.string(),
    round: z.number().int(),
    state: z.enum(STATES),
    light: z.enum(['red', 'yellow', 'none']),
    dueAt: when,
    completedAt: when,
    remainingWorkingDays: z.number().int().nullable().meta({ description: 'working days left while the department holds the case' }),
    late: z.boolean(),
    overdueWorkingDays: z.number().int(),
  })).meta({ description: "each department's state on its review (latest round), without its reasons or conditions" }),
  steps: z.array(z.strictObject({
    type: z.string(),
    at: z.string(),
    departmentId: z.string().optional(),
    departmentName: z.string().optional(),
    decision: z.enum(['approve', 'reject', 'supplement']).optional(),
  })).meta({ description: 'milestones; a department step names the department (never the person)' }),
});
export type PublicProgress = z.infer<typeof PublicProgressSchema>;
