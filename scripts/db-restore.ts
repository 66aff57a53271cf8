// Restores a backup made by `npm run db:backup`. Stop the server first:
//   npm run db:restore -- backups/kommunforum-2026-11-29 [--force]
// Checks the copy (integrity, tables, migrations), refuses while a process has the
// database open (unless --force), keeps the old database and uploads beside the new
// ones, and swaps the files in with renames. On PostgreSQL use pg_restore.
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl } from "../app/utils/database-url";
import { uploadsDir } from "../app/utils/upload.server";
import { restore, sqliteFileFromUrl } from "./sqlite-backup";

const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
const source = positionals[0];
if (!source) {
  console.error("Ange säkerhetskopian: npm run db:restore -- backups/kommunforum-2026-11-29");
  process.exit(2);
}
const dbFile = sqliteFileFromUrl(databaseUrl());
if (!dbFile) {
  console.error("DATABASE_URL pekar inte på en SQLite-fil. För PostgreSQL: använd pg_restore (se docs/deployment.md).");
  process.exit(2);
}

try {
  const r = restore({ source, dbFile, uploadsDir: uploadsDir(), migrationsDir: path.resolve("prisma", "migrations"), force: values.force });
  for (const w of r.warnings) console.warn(`Obs: ${w}`);
  console.log(`Återställt till ${dbFile} (${r.migrations.length} migreringar${r.uploads === null ? "" : `, ${r.uploads} uppladdade filer`}).`);
  if (r.previousDatabase) console.log(`  Den tidigare databasen ligger kvar som ${r.previousDatabase}`);
  if (r.previousUploads) console.log(`  De tidigare uppladdningarna ligger kvar i ${r.previousUploads}`);
  if (r.pendingMigrations.length)
    console.log(`  Kör npm run db:deploy innan servern startas: ${r.pendingMigrations.length} nyare migreringar saknas i kopian.`);
} catch (error) {
  console.error(`Återställningen avbröts: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
