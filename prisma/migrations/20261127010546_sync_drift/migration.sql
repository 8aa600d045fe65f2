-- CreateTable
CREATE TABLE "SyncDrift" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "omnibusValue" TEXT,
    "erpValue" TEXT,
    "repair" JSONB NOT NULL,
    "repairedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncDrift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncDrift_runId_idx" ON "SyncDrift"("runId");

-- CreateIndex
CREATE INDEX "SyncDrift_connectorId_repairedAt_idx" ON "SyncDrift"("connectorId", "repairedAt");

-- AddForeignKey
ALTER TABLE "SyncDrift" ADD CONSTRAINT "SyncDrift_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncDrift" ADD CONSTRAINT "SyncDrift_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "SyncConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
