import * as argon2 from 'argon2';
import { assertStrongPassword, passwordUserInputs } from './password-strength';

/** argon2id with OWASP's recommended minimums (19 MiB, t=2, p=1). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, OPTIONS);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A valid hash of a random string: verified against when the account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}

/**
 * The one way a new password (sign-up, an account created or changed by an administrator, a reset) is accepted:
 * refused with 400 `password_too_weak` when it is guessable (see password-strength.ts), given the account's email and
 * name as words it must not lean on; hashed otherwise. The seed's demo accounts are hashed with `hashPassword` directly.
 */
export async function hashNewPassword(plain: string, account: { email?: string | null; name?: string | null }): Promise<string> {
  assertStrongPassword(plain, passwordUserInputs(account.email, account.name));
  return hashPassword(plain);
}
