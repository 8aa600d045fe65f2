-- AlterTable
ALTER TABLE "ProductVariant" ADD COLUMN     "erpDeactivatedAt" TIMESTAMP(3);
