import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum: 19 MiB memory, 2 iterations, 1 lane
// (docs/decisions/006-password-hashing.md). @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
