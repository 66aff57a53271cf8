// Online backup of the SQLite database and the uploads while the site keeps serving:
//   npm run db:backup -- backups/kommunforum-2026-11-29
// Writes a NEW directory with kommunforum.db, uploads/ and manifest.json.
// On PostgreSQL use pg_dump instead (docs/deployment.md).
import path from "node:path";
import { databaseUrl } from "../app/utils/database-url";
import { uploadsDir } from "../app/utils/upload.server";
import { backup, sqliteFileFromUrl } from "./sqlite-backup";

const target = process.argv[2];
if (!target || target.startsWith("-")) {
  console.error("Ange en ny katalog för säkerhetskopian: npm run db:backup -- backups/kommunforum-2026-11-29");
  process.exit(2);
}
const dbFile = sqliteFileFromUrl(databaseUrl());
if (!dbFile) {
  console.error("DATABASE_URL pekar inte på en SQLite-fil. För PostgreSQL: använd pg_dump (se docs/deployment.md).");
  process.exit(2);
}

try {
  const m = await backup({ dbFile, uploadsDir: uploadsDir(), target });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `Säkerhetskopia klar på ${m.ms} ms: ${path.resolve(target)}\n` +
      `  databas ${mb(m.databaseBytes)} (sha256 ${m.databaseSha256.slice(0, 16)}…), ${m.migrations.length} migreringar\n` +
      `  ${m.uploads} uppladdade filer, ${mb(m.uploadBytes)}`,
  );
} catch (error) {
  console.error(`Säkerhetskopieringen misslyckades: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
