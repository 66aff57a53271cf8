-- AlterTable
ALTER TABLE "User" ADD COLUMN     "affiliationNote" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "affiliationRequestedAt" TIMESTAMP(3),
ADD COLUMN     "affiliationStatus" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "affiliationVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "affiliationVerifiedBy" TEXT,
ADD COLUMN     "mentionEmails" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "descriptionHtml" TEXT;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "confirmTokenHash" TEXT,
ADD COLUMN     "pendingUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "bodyHtml" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "bodyHtml" TEXT;

-- CreateTable
CREATE TABLE "AffiliationDomain" (
    "domain" TEXT NOT NULL,
    "municipalityCode" TEXT,
    "organisationId" TEXT,
    "addedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AffiliationDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateIndex
CREATE INDEX "AffiliationDomain_municipalityCode_idx" ON "AffiliationDomain"("municipalityCode");

-- CreateIndex
CREATE INDEX "AffiliationDomain_organisationId_idx" ON "AffiliationDomain"("organisationId");

-- CreateIndex
CREATE INDEX "User_affiliationStatus_affiliationRequestedAt_idx" ON "User"("affiliationStatus", "affiliationRequestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_confirmTokenHash_key" ON "Registration"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Registration_status_pendingUntil_idx" ON "Registration"("status", "pendingUntil");

-- AddForeignKey
ALTER TABLE "AffiliationDomain" ADD CONSTRAINT "AffiliationDomain_municipalityCode_fkey" FOREIGN KEY ("municipalityCode") REFERENCES "Municipality"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliationDomain" ADD CONSTRAINT "AffiliationDomain_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffiliationDomain" ADD CONSTRAINT "AffiliationDomain_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

