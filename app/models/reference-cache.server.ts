import { foreignDataVersion, onCommittedWrite } from "~/utils/db-writes.server";

/**
 * Reference data (municipalities, counties, categories, tags) held in memory and
 * dropped on change (issue 18: fewer queries per member page). A copy is dropped
 * when this process commits a write to one of its tables (seen where every
 * statement passes, the driver adapter: db-writes.server.ts, as for the page cache)
 * and, on SQLite, when another connection has committed anything (PRAGMA
 * data_version). On PostgreSQL another instance's write cannot be seen here, so
 * nothing is kept: every call loads.
 */
export function cachedReference<T>(tables: string[], load: () => Promise<T>): () => Promise<T> {
  const names = new Set(tables.map((t) => t.toLowerCase()));
  let value: Promise<T> | null = null;
  let version: number | null = null;
  onCommittedWrite((written) => {
    if (written.has("*") || [...written].some((t) => names.has(t))) value = null;
  });
  return () => {
    const now = foreignDataVersion();
    if (now === null) return load();
    if (value && now === version) return value;
    version = now;
    const loading = load();
    value = loading;
    // A failed load is not kept.
    loading.catch(() => {
      if (value === loading) value = null;
    });
    return loading;
  };
}
