/** Request schemas of the task resource. */
import { z } from 'zod';
import { decodeInboxCursor } from './inbox-cursor.ts';

export const TaskIdParams = z.object({ taskId: z.uuid() });

/** 待办 a page at a time: `after` is the `nextCursor` of the page before. */
export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().transform((cursor, ctx) => {
    const key = decodeInboxCursor(cursor);
    if (!('error' in key)) return key;
    ctx.addIssue({ code: 'custom', message: key.error });
    return z.NEVER;
  }).meta({ description: 'nextCursor of the previous page (opaque)' }).optional(),
});

const text = z.string().trim().min(1).max(2000);

export const OpinionSchema = z.object({
  decision: z.enum(['approve', 'reject', 'supplement']),
  reasons: z.array(text).max(50).default([]),
  conditions: z.array(text).max(50).default([]),
  /** 一次性告知: every missing or faulty material, at once. */
  materials: z.array(text).max(200).default([]),
});

export const BatchSignSchema = z.object({ taskIds: z.array(z.uuid()).min(1).max(100) });

export const CompleteSchema = z.object({
  outcome: z.string().min(1).max(32),
  // 4000 as the work-order answer (答复) it carries when a handling task is answered.
  comment: z.string().max(4000).optional(),
  department: z.string().regex(/^\d{6,12}:[a-z0-9]+$/).optional(),
  returnReason: z.string().max(64).optional(),
});

export const ScheduleMeetingSchema = z.object({
  at: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  place: text,
  invitees: z.array(z.string().regex(/^\d{6,12}:[a-z0-9]+$/)).max(50).optional(),
});

export const CloseMeetingSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  attendance: z.record(z.string().regex(/^\d{6,12}:[a-z0-9]+$/), z.boolean()),
  minutes: z.string().max(20_000).optional(),
});
