// The pg adapter for the Prisma CLI (migrate deploy / diff through the JS schema
// engine). The schema engine reads pg_catalog, whose columns of type `name` (and
// the internal one-byte `"char"`) @prisma/adapter-pg 6.19 refuses with "Column type
// 'name' could not be deserialized" (prisma/prisma#27403 upstream). Both are plain
// text, so a pg Client subclass reports them as text.
//
// Its executeScript also splits a migration at every ";", which breaks plpgsql
// function bodies (the search index triggers) and comments. PostgreSQL's simple
// query protocol runs a whole multi-statement script in one round trip (and in
// one implicit transaction), so the script is sent as it is.
//
// Used by prisma.config.ts only; the app's runtime client never reads the
// catalog nor runs scripts.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT = 25;
const AS_TEXT = new Set([18 /* "char" */, 19 /* name */]);

class CatalogAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const fix = (res: pg.QueryResult | undefined) => {
      for (const field of res?.fields ?? []) if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT;
      return res;
    };
    // pg.Pool#query calls its client with a callback; direct callers get a promise.
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (err: Error | null, res?: pg.QueryResult) => void;
      args[last] = (err: Error | null, res?: pg.QueryResult) => callback(err, err ? res : fix(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === "function" ? result.then(fix) : result;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function runScriptsWhole<T extends Adapter>(adapter: T): T {
  const pool = adapter.underlyingDriver() as pg.Pool;
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      // The adapter's own conversion into a DriverAdapterError (throws).
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

class MigratePg extends PrismaPg {
  override async connect() {
    return runScriptsWhole(await super.connect());
  }
  override async connectToShadowDb() {
    return runScriptsWhole(await super.connectToShadowDb());
  }
}

export function postgresMigrateAdapter(connectionString: string) {
  return new MigratePg(new pg.Pool({ connectionString, Client: CatalogAsTextClient }));
}
