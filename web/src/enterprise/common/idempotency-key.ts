/**
 * A key for the Idempotency-Key header: a retried submit (double click, lost answer) returns the
 * first result instead of applying twice. getRandomValues works on plain-HTTP intranets too,
 * where crypto.randomUUID is missing.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
