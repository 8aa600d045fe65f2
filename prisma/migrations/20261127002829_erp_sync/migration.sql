-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'DELIVERED', 'DEAD', 'SKIPPED');

-- CreateEnum
CREATE TYPE "ConnectorKind" AS ENUM ('DEMO', 'TRYTON', 'HTTP');

-- CreateEnum
CREATE TYPE "SyncErrorKind" AS ENUM ('TRANSIENT', 'DATA', 'AUTH', 'CONFLICT');

-- CreateEnum
CREATE TYPE "SyncMode" AS ENUM ('REALTIME', 'BATCH', 'BOTH');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');

-- DropIndex
DROP INDEX "OutboxEvent_aggregateType_aggregateId_idx";

-- DropIndex
DROP INDEX "OutboxEvent_deliveredAt_availableAt_idx";

-- AlterTable
ALTER TABLE "OutboxEvent" ADD COLUMN     "errorKind" "SyncErrorKind",
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "sequence" BIGSERIAL NOT NULL,
ADD COLUMN     "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING';

-- AlterTable
ALTER TABLE "ProductVariant" ADD COLUMN     "costCurrency" CHAR(3),
ADD COLUMN     "costPrice" INTEGER;

-- CreateTable
CREATE TABLE "SyncConnector" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ConnectorKind" NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncConnector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncFlow" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "flow" TEXT NOT NULL,
    "mode" "SyncMode" NOT NULL DEFAULT 'BATCH',
    "cron" TEXT,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cursor" TEXT,
    "nextRunAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "flowId" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'RUNNING',
    "worker" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errorSamples" JSONB NOT NULL DEFAULT '[]',
    "cursorBefore" TEXT,
    "cursorAfter" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalBinding" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "fingerprint" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalBinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" UUID NOT NULL,
    "connectorId" UUID NOT NULL,
    "flow" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "errorKind" "SyncErrorKind" NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "outboxEventId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,

    CONSTRAINT "DeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SyncConnector_code_key" ON "SyncConnector"("code");

-- CreateIndex
CREATE UNIQUE INDEX "SyncFlow_connectorId_flow_key" ON "SyncFlow"("connectorId", "flow");

-- CreateIndex
CREATE INDEX "SyncRun_flowId_startedAt_idx" ON "SyncRun"("flowId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalBinding_connectorId_entityType_localId_key" ON "ExternalBinding"("connectorId", "entityType", "localId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalBinding_connectorId_entityType_externalId_key" ON "ExternalBinding"("connectorId", "entityType", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_connectorId_eventId_key" ON "InboxEvent"("connectorId", "eventId");

-- CreateIndex
CREATE INDEX "DeadLetter_connectorId_resolvedAt_idx" ON "DeadLetter"("connectorId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DeadLetter_connectorId_flow_entityType_recordId_key" ON "DeadLetter"("connectorId", "flow", "entityType", "recordId");

-- CreateIndex
CREATE INDEX "OutboxEvent_status_availableAt_idx" ON "OutboxEvent"("status", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_aggregateType_aggregateId_sequence_idx" ON "OutboxEvent"("aggregateType", "aggregateId", "sequence");

-- AddForeignKey
ALTER TABLE "SyncFlow" ADD CONSTRAINT "SyncFlow_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "SyncConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "SyncFlow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalBinding" ADD CONSTRAINT "ExternalBinding_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "SyncConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxEvent" ADD CONSTRAINT "InboxEvent_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "SyncConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadLetter" ADD CONSTRAINT "DeadLetter_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "SyncConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
