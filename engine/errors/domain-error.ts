/**
 * Technical faults and refused commands, each with a stable `code` the API maps to HTTP in
 * one place. Business outcomes (a rejection, a default approval) are data, never errors.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** One precise complaint about an input: which field or BPMN element, and why. */
export interface Problem {
  path: string;
  reason: string;
}

/** The input is malformed or breaks a rule; `problems` names every offending field or element. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(message: string, readonly problems: Problem[]) {
    super(message, { problems });
  }
}

/** A BPMN file refused before parsing (size, DTD, entities) or by the deploy rules. */
export class DefinitionRejectedError extends DomainError {
  readonly code = 'definition_rejected';
  constructor(message: string, readonly problems: Problem[]) {
    super(message, { problems });
  }
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The command no longer applies: the task is not waiting, the case has ended, etc. */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The task is waiting, but not for this kind of action (e.g. an opinion before sign-for). */
export class InvalidStateError extends DomainError {
  readonly code = 'invalid_state';
}

/** The same request id was used before for a different command. */
export class IdempotencyMismatchError extends DomainError {
  readonly code = 'idempotency_mismatch';
}
