/**
 * 差评核查 of a rating: `not-required` (not 不满意 or worse), `pending` (owed, being started),
 * `in-progress` (the verification case runs), `concluded` (its outcome is recorded). Its own
 * module: the browser app reads it too.
 */
export type VerificationState = 'not-required' | 'pending' | 'in-progress' | 'concluded';
