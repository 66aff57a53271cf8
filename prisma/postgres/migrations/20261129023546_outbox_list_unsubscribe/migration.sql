-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "unsubscribeUrl" TEXT;

