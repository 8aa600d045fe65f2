-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "pages" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "progressAt" TIMESTAMP(3),
ADD COLUMN     "recordsTotal" INTEGER;
