import { vi } from "vitest";

/**
 * Test-only argon2 cost. Production hashes with OWASP's 19 MiB and 2 passes
 * (app/auth/password.server.ts), about 0.1 s a hash on this machine: the tests
 * that sign a whole room up (hundreds of hashes) spent most of their time there.
 * In every test file, @node-rs/argon2's `hash` is given the cheapest parameters
 * argon2id accepts instead; `verify` reads them from the hash, so it is cheap too.
 * Production's cost is still checked: tests/unit/password.test.ts unmocks the
 * module and reads the parameters in a real hash. Servers started as child
 * processes (server-cluster, launch) are not affected.
 */
export const TEST_ARGON2_COST = { memoryCost: 8, timeCost: 1, parallelism: 1 } as const;

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    hash: (password: string | Uint8Array, options?: import("@node-rs/argon2").Options) =>
      real.hash(password, { ...options, ...TEST_ARGON2_COST }),
  };
});
