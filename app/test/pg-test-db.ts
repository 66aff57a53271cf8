// PostgreSQL databases for `npm run test:pg` (scripts/test-pg.sh). The run sets
// TEST_PG_URL (a server URL; its database is only used for admin commands) and
// TEST_PG_TEMPLATE (a migrated database, made once by global-setup.ts). Each test
// file and each test server gets its own copy: CREATE DATABASE … TEMPLATE.
// Loaded only on a PostgreSQL run, so `npm test` never needs pg.
import crypto from "node:crypto";
import pg from "pg";

export const isPgTestRun = () => Boolean(process.env.TEST_PG_URL);

export function pgUrl(database: string): string {
  const url = new URL(process.env.TEST_PG_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A fresh copy of the migrated template; returns its URL. */
export async function createTestDatabase(label: string): Promise<string> {
  const template = process.env.TEST_PG_TEMPLATE!;
  const name = `kf_${label.replace(/\W/g, "_").slice(0, 30)}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`.toLowerCase();
  await admin(async (client) => {
    // Two copies of one template at the same instant can collide ("source database is being accessed"): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return pgUrl(name);
}

export async function dropTestDatabase(url: string) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

export async function recreateTemplate(): Promise<string> {
  const template = process.env.TEST_PG_TEMPLATE!;
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${ident(template)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${ident(template)}`);
  });
  return pgUrl(template);
}
