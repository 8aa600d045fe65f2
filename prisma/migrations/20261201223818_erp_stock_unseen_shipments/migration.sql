-- AlterTable
ALTER TABLE "StockLevel" ADD COLUMN     "erpAsOf" TIMESTAMP(3),
ADD COLUMN     "shippedUnseen" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "UnseenShipment" (
    "id" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "warehouseId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "shippedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnseenShipment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnseenShipment_variantId_warehouseId_idx" ON "UnseenShipment"("variantId", "warehouseId");

-- Invariants the database itself guards (hand-written; Prisma's schema language has no CHECK)
ALTER TABLE "StockLevel" ADD CONSTRAINT "StockLevel_shipped_unseen_check" CHECK ("shippedUnseen" >= 0);
ALTER TABLE "UnseenShipment" ADD CONSTRAINT "UnseenShipment_quantity_check" CHECK ("quantity" > 0);
