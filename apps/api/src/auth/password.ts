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
