/**
 * The working-day limits that apply to one participant of one task. Limits can differ per
 * participant (level, green channel), which is why deadlines are per task row and not one
 * boundary timer on the whole joint review.
 */
import type { ItemModel, TaskSpec } from '../definitions/item-model.ts';
import type { ResolvedParticipant } from '../joint-review/participants.ts';

export interface TaskLimits {
  signForDays?: number;
  reviewDays?: number;
}

/** 绿色通道: an explicit green limit wins, else the normal limit compressed by the factor. */
export function greenLimit(normal: number | undefined, green: number | undefined, factor: number): number | undefined {
  if (green !== undefined) return green;
  if (normal === undefined) return undefined;
  return Math.max(normal === 0 ? 0 : 1, Math.ceil(normal * factor));
}

/** Limits of a task for one participant (or for an assignee task when participant is absent). */
export function taskLimits(spec: TaskSpec, participant: ResolvedParticipant | undefined, green: boolean, factor: number): TaskLimits {
  const signForDays = participant?.signForDays ?? spec.signForDays;
  const reviewDays = participant?.reviewDays ?? spec.reviewDays;
  if (!green) return { signForDays, reviewDays };
  return {
    signForDays: greenLimit(signForDays, spec.greenSignForDays, factor),
    reviewDays: greenLimit(reviewDays, participant?.greenReviewDays ?? spec.greenReviewDays, factor),
  };
}

/** The promised limit of a whole case (承诺时限), compressed on the green channel. */
export function casePromisedDays(item: ItemModel, green: boolean, factor: number): number {
  return green ? (greenLimit(item.promisedDays, item.greenPromisedDays, factor) ?? item.promisedDays) : item.promisedDays;
}
