import crypto from "node:crypto";
import Database from "better-sqlite3";

/**
 * Tables that may change while input is refused: a rejected login or contact
 * attempt still counts against its rate limit, and refusals can be audited.
 * Everything else must stay byte for byte the same.
 */
export const MAY_CHANGE_ON_REFUSAL = ["RateLimit", "AuditLog"] as const;

export type Fingerprint = Record<string, { rows: number; hash: string }>;

/** Row count and an order-independent hash of every row, per table, read-only. */
export function fingerprint(file: string, ignore: readonly string[] = MAY_CHANGE_ON_REFUSAL): Fingerprint {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const result: Fingerprint = {};
    for (const table of tables.filter((t) => !ignore.includes(t))) {
      const rows = db
        .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("hex") : typeof v === "bigint" ? String(v) : v)))
        .sort();
      const hash = crypto.createHash("sha256");
      for (const row of rows) hash.update(row).update("\n");
      result[table] = { rows: rows.length, hash: hash.digest("hex").slice(0, 16) };
    }
    return result;
  } finally {
    db.close();
  }
}

/** Human-readable differences between two fingerprints ("" when equal). */
export function diffFingerprints(before: Fingerprint, after: Fingerprint): string {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return tables
    .filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]))
    .map(
      (t) =>
        `${t}: ${before[t]?.rows ?? "saknas"} rader → ${after[t]?.rows ?? "saknas"} rader${before[t]?.rows === after[t]?.rows ? " (innehållet ändrat)" : ""}`,
    )
    .join("\n");
}

/**
 * The same for a database URL: a SQLite file, or PostgreSQL on `npm run test:pg`
 * (every table of the public schema, each row as its JSON text).
 */
export async function fingerprintDatabase(url: string, ignore: readonly string[] = MAY_CHANGE_ON_REFUSAL): Promise<Fingerprint> {
  if (url.startsWith("file:")) return fingerprint(url.slice("file:".length).split("?")[0]!, ignore);
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const result: Fingerprint = {};
    for (const { name } of tables.filter((t) => !ignore.includes(t.name))) {
      const { rows } = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${name.replace(/"/g, '""')}" t`);
      const sorted = rows.map((r) => r.j).sort();
      const hash = crypto.createHash("sha256");
      for (const row of sorted) hash.update(row).update("\n");
      result[name] = { rows: sorted.length, hash: hash.digest("hex").slice(0, 16) };
    }
    return result;
  } finally {
    await client.end();
  }
}
