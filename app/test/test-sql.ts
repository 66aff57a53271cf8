// Raw SQL from tests straight to a test server's database, on SQLite (a file
// URL) or PostgreSQL (npm run test:pg), with one SQL text: write `?` for
// parameters and quote every identifier ("eventId"), which both accept.
// Dates are passed as Date; SQLite gets them as Prisma stores them (ISO text).
import Database from "better-sqlite3";

type Value = string | number | null | Date;

const sqliteValue = (v: Value) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
const sqliteFile = (url: string) => url.slice("file:".length).split("?")[0]!;

export async function testQuery<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: Value[] = []): Promise<T[]> {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(sqliteFile(databaseUrl));
    try {
      db.pragma("busy_timeout = 5000");
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params.map(sqliteValue)) : (statement.run(...params.map(sqliteValue)), [])) as T[];
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const { rows } = await client.query(text, params);
    // count(*) is bigint on PostgreSQL: give numbers back, as SQLite does.
    return rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^count|^n$/.test(k) && /^\d+$/.test(v) ? Number(v) : v])),
    ) as T[];
  } finally {
    await client.end();
  }
}
