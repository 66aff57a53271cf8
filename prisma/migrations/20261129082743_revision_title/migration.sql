-- AlterTable
ALTER TABLE "PostRevision" ADD COLUMN "title" TEXT;

