-- AlterTable
ALTER TABLE "ExternalBinding" ADD COLUMN     "externalNumber" TEXT;
