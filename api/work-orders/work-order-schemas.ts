/** Request schemas of the 12345 work-order resource. */
import { z } from 'zod';
import { RETURN_REASONS, type ReturnReason } from '../../engine/work-orders/return-reasons.ts';

export const WORK_ORDER_ITEM = '200150001000';

export const OrderIdParams = z.object({ orderId: z.uuid() });

const text = (max: number) => z.string().trim().min(1).max(max);

export const OrderCreateSchema = z.object({
  /** The hotline's own region (the default); any other region is not the caller's to fill. */
  regionCode: z.string().regex(/^\d{6,12}$/, 'a region code of 6–12 digits').optional(),
  /** 紧急工单: out of office hours the region's duty officer is alerted at once. */
  urgent: z.boolean().default(false),
  /** Material codes of the item received with the call (WO01 contact, WO02 content, WO03 evidence). */
  materials: z.array(z.string().regex(/^[A-Z0-9]{2,16}$/, 'a material code like WO01')).max(20).default([]),
  /** The hotline system's reference of the caller or call (no personal data): the order's applicant is `caller:<ref>`. */
  callerRef: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - (at most 64)').optional(),
});
export type OrderCreate = z.infer<typeof OrderCreateSchema>;

export const OrderListQuery = z.object({
  status: z.enum(['running', 'completed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** 派单: to one department, with what the caller asks and what is expected. */
export const RouteSchema = z.object({
  department: z.string().regex(/^\d{6,12}:[a-z0-9]+$/, 'a department id like 990121:zj'),
  instructions: text(4000),
});

/** 即时答复办结: the hotline answered the caller at once. */
export const CloseSchema = z.object({ answer: text(4000) });

const reasonCodes = Object.keys(RETURN_REASONS) as [ReturnReason, ...ReturnReason[]];

/** 退回: only for a reason from the fixed list, before signing, within the sign-for limit. */
export const ReturnSchema = z.object({ reason: z.enum(reasonCodes), comment: text(2000).optional() });

/** 答复: the department's answer to the caller. */
export const AnswerSchema = z.object({ answer: text(4000) });

/** 回访: the caller's rating of the answer, as the hotline recorded it on the call back. */
export const CallbackSchema = z.object({ rating: z.enum(['satisfied', 'unsatisfied']), comment: text(2000).optional() });

/** 督办结束: supervision's conclusion on an escalated order. */
export const SuperviseSchema = z.object({ conclusion: text(4000) });
