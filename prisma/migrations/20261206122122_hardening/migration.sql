PRAGMA legacy_alter_table=ON;
-- AlterTable
ALTER TABLE "Event" ADD COLUMN "descriptionHtml" TEXT;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN "confirmTokenHash" TEXT;
ALTER TABLE "Registration" ADD COLUMN "pendingUntil" DATETIME;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN "bodyHtml" TEXT;

-- CreateTable
CREATE TABLE "AffiliationDomain" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "municipalityCode" TEXT,
    "organisationId" TEXT,
    "addedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AffiliationDomain_municipalityCode_fkey" FOREIGN KEY ("municipalityCode") REFERENCES "Municipality" ("code") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AffiliationDomain_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AffiliationDomain_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "emailVerifiedAt" DATETIME,
    "passwordHash" TEXT,
    "name" TEXT NOT NULL,
    "handle" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'member',
    "municipalityCode" TEXT,
    "affiliationStatus" TEXT NOT NULL DEFAULT 'none',
    "affiliationVerifiedAt" DATETIME,
    "affiliationVerifiedBy" TEXT,
    "affiliationRequestedAt" DATETIME,
    "affiliationNote" TEXT NOT NULL DEFAULT '',
    "mentionEmails" BOOLEAN NOT NULL DEFAULT true,
    "organisationId" TEXT,
    "listedPublicly" BOOLEAN NOT NULL DEFAULT false,
    "totpSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "weeklyDigest" BOOLEAN NOT NULL DEFAULT false,
    "suspendedUntil" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_municipalityCode_fkey" FOREIGN KEY ("municipalityCode") REFERENCES "Municipality" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "deletedAt", "email", "emailVerifiedAt", "handle", "id", "listedPublicly", "municipalityCode", "name", "organisationId", "passwordHash", "role", "suspendedUntil", "title", "totpEnabledAt", "totpLastStep", "totpSecret", "updatedAt", "weeklyDigest") SELECT "createdAt", "deletedAt", "email", "emailVerifiedAt", "handle", "id", "listedPublicly", "municipalityCode", "name", "organisationId", "passwordHash", "role", "suspendedUntil", "title", "totpEnabledAt", "totpLastStep", "totpSecret", "updatedAt", "weeklyDigest" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
CREATE INDEX "User_role_idx" ON "User"("role");
CREATE INDEX "User_municipalityCode_idx" ON "User"("municipalityCode");
CREATE INDEX "User_organisationId_idx" ON "User"("organisationId");
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");
CREATE INDEX "User_emailVerifiedAt_idx" ON "User"("emailVerifiedAt");
CREATE INDEX "User_affiliationStatus_affiliationRequestedAt_idx" ON "User"("affiliationStatus", "affiliationRequestedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AffiliationDomain_municipalityCode_idx" ON "AffiliationDomain"("municipalityCode");

-- CreateIndex
CREATE INDEX "AffiliationDomain_organisationId_idx" ON "AffiliationDomain"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_confirmTokenHash_key" ON "Registration"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Registration_status_pendingUntil_idx" ON "Registration"("status", "pendingUntil");


PRAGMA legacy_alter_table=OFF;
