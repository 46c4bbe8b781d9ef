import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Passwords are hashed with Argon2id (memory-hard), the library's defaults. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * For a username that does not exist: the same Argon2 work as a real check, so the time a
 * failed login takes does not tell whether the account exists. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}
