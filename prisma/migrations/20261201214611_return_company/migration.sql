-- AlterTable
ALTER TABLE "ReturnRequest" ADD COLUMN     "companyId" UUID;

-- CreateIndex
CREATE INDEX "ReturnRequest_companyId_idx" ON "ReturnRequest"("companyId");

-- returns requested before the column existed take their order's company
UPDATE "ReturnRequest" r SET "companyId" = o."companyId" FROM "Order" o WHERE o."id" = r."orderId" AND r."companyId" IS NULL;
