import { prisma } from "~/utils/db.server";

/**
 * A real round trip that needs write access: an UPDATE that matches no row. It
 * changes nothing and writes nothing to disk, but the database must grant a write
 * for it, so it fails ("attempt to write a readonly database", or PostgreSQL's
 * "read-only transaction") where every form post would fail, e.g. on a SQLite
 * file the service user cannot write. A plain read would still answer then.
 * Cheap enough for a monitor that polls every few seconds (well under 1 ms).
 */
export async function checkDatabase(): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    await prisma.$executeRaw`UPDATE "County" SET "name" = "name" WHERE 1 = 0`;
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    // Prisma's message starts with "Invalid `prisma.$executeRaw()` invocation:"; the cause is its last line.
    const lines = error instanceof Error ? error.message.split("\n").filter((l) => l.trim()) : [];
    return { ok: false, error: lines.at(-1)?.trim() ?? "okänt fel" };
  }
}
