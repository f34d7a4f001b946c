/** Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations). */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hash a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the user does not exist, so the answer time does not reveal it.
let dummy: Promise<string> | undefined;

/** Check a password against a stored hash (or a dummy one when there is no user). */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  dummy ??= hashPassword('no such user');
  try {
    const ok = await verify(stored ?? (await dummy), password);
    return ok && stored !== undefined;
  } catch {
    return false;
  }
}
