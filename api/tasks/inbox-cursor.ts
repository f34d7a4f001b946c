/**
 * The inbox's paging cursor: the last shown task's sort key as base64url JSON
 * `[green, dueAt|null, createdAt, taskId]`. Opaque to clients; checked field by field on the way
 * in, so a forged cursor is a 400 and never reaches SQL as a bad timestamp.
 */
import type { InboxKey } from '../../engine/queries/department-inbox.ts';

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeInboxCursor(key: InboxKey): string {
  return Buffer.from(JSON.stringify([key.green, key.dueAt, key.createdAt, key.taskId])).toString('base64url');
}

/** The key in a cursor, or why it is not one. */
export function decodeInboxCursor(cursor: string): InboxKey | { error: string } {
  const invalid = { error: 'not a cursor this API gave (use nextCursor as it came)' };
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return invalid;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  if (!Array.isArray(value) || value.length !== 4) return invalid;
  const [green, dueAt, createdAt, taskId] = value as unknown[];
  if (typeof green !== 'boolean' || !(dueAt === null || isInstant(dueAt)) || !isInstant(createdAt) || typeof taskId !== 'string' || !UUID.test(taskId)) return invalid;
  return { green, dueAt, createdAt, taskId };
}

// The shape alone lets 2026-02-31 through; a real instant survives a round trip through Date.
function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_MICROS.test(value)) return false;
  const millis = `${value.slice(0, 23)}Z`;
  const parsed = new Date(millis);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === millis;
}
