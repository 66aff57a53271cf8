import { prisma } from "~/utils/db.server";

/** A real round trip to the database: a read that touches a table. */
export async function checkDatabase(): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    await prisma.county.count();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split("\n")[0] ?? "okänt fel" : "okänt fel" };
  }
}
