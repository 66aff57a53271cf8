-- Hand-written, the PostgreSQL twin of the SQLite migration of the same name
-- (no Prisma model changes; only a comment in schema.prisma): at most one current
-- assessment (replacedAt IS NULL) per municipality and year. Prisma 6 cannot
-- declare a partial index in the schema. PostgreSQL alters tables in place, so
-- the index stays put.

-- Should a database already hold several current rows of one municipality and
-- year, keep the newest current and mark the others replaced by it (the same
-- SQL in the PostgreSQL twin, where concurrent submissions could do that).
UPDATE "MaturityAssessment"
SET "replacedAt" = (
  SELECT MAX(n."createdAt") FROM "MaturityAssessment" n
  WHERE n."municipalityCode" = "MaturityAssessment"."municipalityCode"
    AND n."year" = "MaturityAssessment"."year"
    AND n."replacedAt" IS NULL
)
WHERE "replacedAt" IS NULL
  AND EXISTS (
    SELECT 1 FROM "MaturityAssessment" n
    WHERE n."municipalityCode" = "MaturityAssessment"."municipalityCode"
      AND n."year" = "MaturityAssessment"."year"
      AND n."replacedAt" IS NULL
      AND (n."createdAt" > "MaturityAssessment"."createdAt"
        OR (n."createdAt" = "MaturityAssessment"."createdAt" AND n."id" > "MaturityAssessment"."id"))
  );

CREATE UNIQUE INDEX "MaturityAssessment_current_key"
ON "MaturityAssessment"("municipalityCode", "year") WHERE "replacedAt" IS NULL;
