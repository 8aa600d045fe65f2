-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
