-- AlterTable
ALTER TABLE "User" ADD COLUMN "handle" TEXT;

-- Backfill: a handle for every existing member, derived from the name the way
-- app/utils/handles.ts does it for new members ("Anna Öberg" -> "anna-oberg").
UPDATE "User" SET "handle" = lower(
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    trim("name"), ' ', '-'), 'å', 'a'), 'ä', 'a'), 'ö', 'o'), 'Å', 'a'), 'Ä', 'a'), 'Ö', 'o'), 'é', 'e'), 'É', 'e'), 'ü', 'u'), 'Ü', 'u'), '''', ''), '.', '-')
);
-- Names with other characters, or an empty name, get a neutral handle.
UPDATE "User" SET "handle" = 'medlem'
  WHERE "handle" = '' OR "handle" GLOB '*[^a-z0-9-]*' OR "handle" GLOB '-*' OR "handle" GLOB '*-';
UPDATE "User" SET "handle" = substr("handle", 1, 30);
-- Same name twice: every one after the first gets a piece of its id.
UPDATE "User" SET "handle" = "handle" || '-' || lower(substr("id", -6))
  WHERE "id" IN (
    SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "handle" ORDER BY "createdAt", "id") AS rn FROM "User") WHERE rn > 1
  );

-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
