-- At most one current assessment (replacedAt IS NULL) per municipality and year,
-- whatever code path writes (app/models/maturity.server.ts submitAssessment).
-- Prisma 6 cannot declare a partial index in the schema, so it is SQL of its own.
-- scripts/new-migration.ts re-appends this file when a migration redefines
-- "MaturityAssessment" (a redefined SQLite table loses indexes Prisma does not know).
CREATE UNIQUE INDEX "MaturityAssessment_current_key"
ON "MaturityAssessment"("municipalityCode", "year") WHERE "replacedAt" IS NULL;
