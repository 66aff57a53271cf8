// Online backup and safe restore of the SQLite database and the uploaded files.
// Used by `npm run db:backup` and `npm run db:restore` (scripts/db-backup.ts,
// scripts/db-restore.ts); see docs/deployment.md, "Backups".
//
// A backup is a directory:
//   <dir>/kommunforum.db   a consistent copy made with SQLite's backup API
//   <dir>/uploads/         the uploaded recording materials (copied after the database)
//   <dir>/manifest.json    when, from where, sizes, migrations, checksum
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const BACKUP_DB_NAME = "kommunforum.db";
export const BACKUP_UPLOADS_NAME = "uploads";
export const MANIFEST_NAME = "manifest.json";

/** Tables every Kommunforum database has; a file without them is something else. */
const REQUIRED_TABLES = ["_prisma_migrations", "User", "Event", "Registration", "OutboxEmail"];

export type Manifest = {
  format: 1;
  createdAt: string;
  sourceDatabase: string;
  databaseBytes: number;
  databaseSha256: string;
  migrations: string[];
  uploads: number;
  uploadBytes: number;
  ms: number;
};

/** The file behind a `file:` DATABASE_URL; null for PostgreSQL. */
export function sqliteFileFromUrl(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const file = url.slice("file:".length).split("?")[0] ?? "";
  if (!file || file === ":memory:") return null;
  return path.resolve(file);
}

export type Verification = { ok: boolean; problems: string[]; migrations: string[] };

/** PRAGMA integrity_check, the tables we expect, and the list of applied migrations. */
export function verifyDatabase(file: string): Verification {
  const problems: string[] = [];
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file} finns inte.`], migrations: [] };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma("integrity_check") as { integrity_check: string }[];
    const lines = integrity.map((r) => r.integrity_check);
    if (lines.join() !== "ok") problems.push(`PRAGMA integrity_check: ${lines.slice(0, 5).join("; ")}`);
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) problems.push(`Det här är ingen Kommunforum-databas: tabellerna ${missing.join(", ")} saknas.`);
    const migrations = tables.has("_prisma_migrations")
      ? (
          db
            .prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)
            .all() as { name: string }[]
        ).map((r) => r.name)
      : [];
    if (tables.has("_prisma_migrations") && migrations.length === 0) problems.push("Databasen har inga genomförda migreringar.");
    return { ok: problems.length === 0, problems, migrations };
  } catch (error) {
    problems.push(`Filen kunde inte läsas som SQLite-databas: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, problems, migrations: [] };
  } finally {
    db?.close();
  }
}

/** Read in 1 MB pieces, so a database of several GB never has to fit in memory. */
function sha256(file: string): string {
  const hash = crypto.createHash("sha256");
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = fs.openSync(file, "r");
  try {
    for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

function fsyncPath(p: string) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, "r");
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be fsynced on every platform; the data files were.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Copies the regular files of an uploads folder (flat, write-once names); returns count and bytes. */
function copyUploads(from: string, to: string): { count: number; bytes: number } {
  fs.mkdirSync(to, { recursive: true });
  if (!fs.existsSync(from)) return { count: 0, bytes: 0 };
  let count = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const dest = path.join(to, entry.name);
    fs.copyFileSync(path.join(from, entry.name), dest, fs.constants.COPYFILE_FICLONE);
    fsyncPath(dest);
    bytes += fs.statSync(dest).size;
    count += 1;
  }
  return { count, bytes };
}

/**
 * Makes a consistent copy while the server keeps serving. The backup API copies
 * every page in ONE step, i.e. inside one read transaction: in WAL mode a reader
 * never blocks writers, and a single step cannot be restarted by their writes
 * (a paged backup restarts from the start whenever another process writes).
 * The uploads are copied after the database, so every file the copied rows
 * name already existed (uploads are written before their row and never changed).
 */
export async function backup({ dbFile, uploadsDir, target }: { dbFile: string; uploadsDir: string; target: string }): Promise<Manifest> {
  const started = performance.now();
  const dir = path.resolve(target);
  if (fs.existsSync(dir)) throw new Error(`${dir} finns redan. Välj ett nytt namn för säkerhetskopian.`);
  if (!fs.existsSync(dbFile)) throw new Error(`Databasen ${dbFile} finns inte.`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // Built beside the target and renamed at the end: a half-made backup never has the final name.
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  // Only its owner may read it: it holds password hashes and sealed TOTP secrets.
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    const dbCopy = path.join(partial, BACKUP_DB_NAME);
    const source = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      await source.backup(dbCopy, { progress: ({ totalPages }) => Math.max(totalPages, 1) * 2 });
    } finally {
      source.close();
    }
    // A self-contained single file: no -wal beside it.
    const copy = new Database(dbCopy);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    fsyncPath(dbCopy);

    const check = verifyDatabase(dbCopy);
    if (!check.ok) throw new Error(`Kopian klarade inte kontrollen:\n  ${check.problems.join("\n  ")}`);
    const uploads = copyUploads(uploadsDir, path.join(partial, BACKUP_UPLOADS_NAME));
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      sourceDatabase: dbFile,
      databaseBytes: fs.statSync(dbCopy).size,
      databaseSha256: sha256(dbCopy),
      migrations: check.migrations,
      uploads: uploads.count,
      uploadBytes: uploads.bytes,
      ms: Math.round(performance.now() - started),
    };
    fs.writeFileSync(path.join(partial, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + "\n");
    // Readable by the owner alone, whatever the umask of whoever ran it.
    const uploadsCopy = path.join(partial, BACKUP_UPLOADS_NAME);
    for (const name of fs.readdirSync(uploadsCopy)) fs.chmodSync(path.join(uploadsCopy, name), 0o600);
    for (const name of [BACKUP_DB_NAME, MANIFEST_NAME]) fs.chmodSync(path.join(partial, name), 0o600);
    fs.chmodSync(uploadsCopy, 0o700);
    fsyncPath(partial);
    fs.renameSync(partial, dir);
    fsyncPath(path.dirname(dir));
    return manifest;
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Process ids (other than this one) that hold the file, its -wal or its -shm
 * open, read from /proc. null where /proc is not available (not Linux).
 */
export function processesUsingDatabase(dbFile: string): number[] | null {
  if (!fs.existsSync("/proc/self/fd")) return null;
  const wanted = new Set<string>();
  for (const suffix of ["", "-wal", "-shm"]) {
    const f = dbFile + suffix;
    wanted.add(path.resolve(f));
    try {
      wanted.add(fs.realpathSync(f));
    } catch {
      // not there
    }
  }
  const found = new Set<number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or another user's process
    }
    for (const fd of fds) {
      try {
        if (wanted.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          found.add(Number(entry));
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Gives files the owner of the folder they land in, so a restore run as root does
 * not leave a database or uploads the service user cannot write. Only root may
 * chown, and only root needs to.
 */
function chownLikeFolder(files: string[], folder: string) {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = fs.statSync(folder);
  for (const file of files) fs.chownSync(file, uid, gid);
}

export type RestoreResult = {
  migrations: string[];
  /** Migrations in prisma/migrations that the restored database lacks: run `npm run db:deploy`. */
  pendingMigrations: string[];
  uploads: number | null;
  previousDatabase: string | null;
  previousUploads: string | null;
  warnings: string[];
};

function migrationFolders(migrationsDir: string): string[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/**
 * Replaces the database (and the uploads, when the backup has them) with a backup.
 * Refuses while a process has the database open, unless `force`. Copies everything
 * first, then swaps the uploads, and the database last: a restore that stops with
 * an error has left the old database in place. The previous database and uploads
 * are kept beside the new ones with a ".before-restore-<time>" suffix; the stale
 * -wal and -shm of the old database are removed before the new file takes its
 * name, so SQLite can never replay an old log onto it.
 */
export function restore({
  source,
  dbFile,
  uploadsDir,
  migrationsDir,
  force = false,
}: {
  /** A backup directory from backup(), or a bare SQLite file. */
  source: string;
  dbFile: string;
  uploadsDir: string;
  migrationsDir: string;
  force?: boolean;
}): RestoreResult {
  const warnings: string[] = [];
  const src = path.resolve(source);
  if (!fs.existsSync(src)) throw new Error(`${src} finns inte.`);
  const isDir = fs.statSync(src).isDirectory();
  const srcDb = isDir ? path.join(src, BACKUP_DB_NAME) : src;
  const srcUploads = isDir ? path.join(src, BACKUP_UPLOADS_NAME) : null;

  if (isDir && fs.existsSync(path.join(src, MANIFEST_NAME))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(src, MANIFEST_NAME), "utf8")) as Manifest;
    if (fs.existsSync(srcDb) && sha256(srcDb) !== manifest.databaseSha256) {
      throw new Error("Databasfilen i säkerhetskopian stämmer inte med kontrollsumman i manifest.json. Den har ändrats eller skadats.");
    }
  }
  const check = verifyDatabase(srcDb);
  if (!check.ok) throw new Error(`Säkerhetskopian kan inte återställas:\n  ${check.problems.join("\n  ")}`);

  const known = migrationFolders(migrationsDir);
  const unknown = check.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new Error(`Säkerhetskopian kommer från en nyare version av programmet (okända migreringar: ${unknown.join(", ")}). Uppgradera programmet först.`);
  }
  const pendingMigrations = known.filter((m) => !check.migrations.includes(m));

  const users = processesUsingDatabase(dbFile);
  if (users === null) {
    warnings.push("Kunde inte kontrollera om servern kör (inget /proc). Stoppa servern innan du återställer.");
  } else if (users.length) {
    const message = `Databasen används av process ${users.join(", ")}. Stoppa servern (t.ex. systemctl stop kommunforum) och försök igen.`;
    if (!force) throw new Error(message);
    warnings.push(`${message} (--force: återställer ändå)`);
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });

  // 1. Everything that can fail for want of space, permissions or a damaged backup
  //    happens first, beside the targets (same file system, so the renames below are
  //    atomic). Until step 2 the old database and uploads are untouched.
  const incoming = `${dbFile}.restore-${process.pid}`;
  const staging = srcUploads && fs.existsSync(srcUploads) ? `${uploadsDir}.restore-${process.pid}` : null;
  let uploads: number | null = null;
  try {
    fs.copyFileSync(srcDb, incoming);
    fsyncPath(incoming);
    chownLikeFolder([incoming], path.dirname(dbFile));
    if (staging) {
      fs.rmSync(staging, { recursive: true, force: true });
      uploads = copyUploads(srcUploads!, staging).count;
      chownLikeFolder([staging, ...fs.readdirSync(staging).map((name) => path.join(staging, name))], path.dirname(uploadsDir));
    }
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`Inget ändrades, databasen och uppladdningarna är kvar som de var: ${error instanceof Error ? error.message : String(error)}`);
  }

  // 2. Uploads: the old folder moves aside, the new one takes its name.
  let previousUploads: string | null = null;
  if (staging) {
    if (fs.existsSync(uploadsDir)) {
      previousUploads = `${uploadsDir}.before-restore-${stamp}`;
      fs.renameSync(uploadsDir, previousUploads);
    }
    fs.renameSync(staging, uploadsDir);
  } else {
    warnings.push("Säkerhetskopian har inga uppladdade filer; mappen för uppladdningar lämnades som den var.");
  }

  // 3. The database last. Its WAL is folded in and it moves aside; the stale -wal and
  //    -shm go before the new file takes the name, so SQLite never replays an old log onto it.
  let previousDatabase: string | null = null;
  try {
    if (fs.existsSync(dbFile)) {
      try {
        const old = new Database(dbFile, { fileMustExist: true });
        old.pragma("busy_timeout = 5000");
        old.pragma("wal_checkpoint(TRUNCATE)");
        old.close();
      } catch (error) {
        warnings.push(`Den gamla databasens logg kunde inte föras in: ${error instanceof Error ? error.message : String(error)}`);
      }
      previousDatabase = `${dbFile}.before-restore-${stamp}`;
      fs.renameSync(dbFile, previousDatabase);
      for (const suffix of ["-wal", "-shm"]) {
        if (fs.existsSync(dbFile + suffix)) fs.renameSync(dbFile + suffix, previousDatabase + suffix);
      }
    }
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(dbFile + suffix, { force: true });
    fs.renameSync(incoming, dbFile);
    fsyncPath(path.dirname(dbFile));
  } catch (error) {
    // Put back what moved, so database and uploads still belong together.
    if (previousDatabase && !fs.existsSync(dbFile)) {
      for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(previousDatabase + suffix)) fs.renameSync(previousDatabase + suffix, dbFile + suffix);
    }
    if (staging) {
      fs.renameSync(uploadsDir, staging);
      if (previousUploads) fs.renameSync(previousUploads, uploadsDir);
      fs.rmSync(staging, { recursive: true, force: true });
    }
    fs.rmSync(incoming, { force: true });
    throw new Error(
      `Databasen kunde inte bytas ut; den gamla databasen och uppladdningarna ligger kvar: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  return { migrations: check.migrations, pendingMigrations, uploads, previousDatabase, previousUploads, warnings };
}
