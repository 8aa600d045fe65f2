-- CreateTable
CREATE TABLE "OutboxSubscription" (
    "destination" TEXT NOT NULL,
    "aggregateTypes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxSubscription_pkey" PRIMARY KEY ("destination")
);

-- CreateTable
CREATE TABLE "OutboxDelivery" (
    "eventId" UUID NOT NULL,
    "destination" TEXT NOT NULL,
    "aggregateType" TEXT NOT NULL,
    "aggregateId" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "deliveredAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "sendingSince" TIMESTAMP(3),
    "lastError" TEXT,
    "errorKind" "SyncErrorKind",

    CONSTRAINT "OutboxDelivery_pkey" PRIMARY KEY ("eventId","destination")
);

-- CreateIndex
CREATE INDEX "OutboxDelivery_destination_status_availableAt_idx" ON "OutboxDelivery"("destination", "status", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxDelivery_destination_aggregateType_aggregateId_sequen_idx" ON "OutboxDelivery"("destination", "aggregateType", "aggregateId", "sequence");

-- Backfill: each enabled connector's outbound flows subscribe (the aggregates each carries, as in
-- OUTBOUND_AGGREGATES; the engine refreshes these at start-up), and every undelivered event gets a
-- delivery per subscription. A dead event stays dead only where it was dead-lettered.
INSERT INTO "OutboxSubscription" ("destination", "aggregateTypes")
SELECT 'erp:' || f."connectorId" || ':' || f."flow",
       CASE f."flow" WHEN 'orders' THEN ARRAY['order', 'invoice', 'payment']
                     WHEN 'returns' THEN ARRAY['return', 'credit_note']
                     ELSE ARRAY['customer'] END
FROM "SyncFlow" f JOIN "SyncConnector" c ON c."id" = f."connectorId"
WHERE c."enabled" AND f."flow" IN ('orders', 'returns', 'customers');

INSERT INTO "OutboxDelivery" ("eventId", "destination", "aggregateType", "aggregateId", "sequence", "createdAt",
                              "status", "attempts", "availableAt", "lastError", "errorKind")
SELECT e."id", s."destination", e."aggregateType", e."aggregateId", e."sequence", e."createdAt",
       CASE WHEN e."status" = 'DEAD' AND EXISTS (
              SELECT 1 FROM "DeadLetter" d
              WHERE d."outboxEventId" = e."id" AND s."destination" LIKE 'erp:' || d."connectorId" || ':%')
            THEN 'DEAD'::"OutboxStatus" ELSE 'PENDING'::"OutboxStatus" END,
       e."attempts", e."availableAt", e."lastError", e."errorKind"
FROM "OutboxEvent" e JOIN "OutboxSubscription" s ON e."aggregateType" = ANY(s."aggregateTypes")
WHERE e."status" IN ('PENDING', 'DEAD');

-- AddForeignKey
ALTER TABLE "OutboxDelivery" ADD CONSTRAINT "OutboxDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "OutboxEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- DropIndex
DROP INDEX "OutboxEvent_status_availableAt_idx";

-- AlterTable
ALTER TABLE "OutboxEvent" DROP COLUMN "attempts",
DROP COLUMN "availableAt",
DROP COLUMN "deliveredAt",
DROP COLUMN "errorKind",
DROP COLUMN "lastError",
DROP COLUMN "lockedBy",
DROP COLUMN "lockedUntil",
DROP COLUMN "status";

