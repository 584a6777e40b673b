import { hash, verify } from "@node-rs/argon2";

// argon2id (Algorithm.Argon2id = 2; the enum is const and cannot be imported under
// isolatedModules) with OWASP's recommended 19 MiB and 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
