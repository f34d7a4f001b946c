/**
 * The engine state as stored: JSON, raw-deflated at level 1 (≈ 10× smaller for a joint review,
 * a few hundredths of a millisecond each way). Rows written before migration 042 hold jsonb,
 * which the driver hands over already parsed.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export function encodeEngineState(state: unknown): Buffer {
  return deflateRawSync(JSON.stringify(state), { level: 1 });
}

/** The state from a row's `state_z` (bytea) or, for an older row, `state_json` (jsonb). */
export function decodeEngineState(compressed: Buffer | null | undefined, json: unknown): unknown {
  if (compressed) return JSON.parse(inflateRawSync(compressed).toString('utf8'));
  return json ?? null;
}
