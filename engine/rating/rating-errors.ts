/** Refusals of the rating command, on top of the shared domain errors. */
import { NotFoundError } from '../errors/domain-error.ts';

/**
 * Someone other than the case's applicant tried to rate it (staff never rate for the applicant).
 * A NotFoundError, so that it answers 404 and reveals nothing about someone else's case.
 */
export class NotTheApplicantError extends NotFoundError {}
