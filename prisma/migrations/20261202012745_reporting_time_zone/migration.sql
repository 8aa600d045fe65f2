-- AlterTable
ALTER TABLE "Channel" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE INDEX "CreditNote_channelId_issuedAt_idx" ON "CreditNote"("channelId", "issuedAt");

-- CreateIndex
CREATE INDEX "Invoice_channelId_issuedAt_idx" ON "Invoice"("channelId", "issuedAt");
