-- AlterTable
ALTER TABLE "SyncConnector" ADD COLUMN     "checkError" TEXT,
ADD COLUMN     "checkedAt" TIMESTAMP(3);
