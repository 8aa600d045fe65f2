-- The connector kind becomes text checked against the connector list in code (CONNECTORS in
-- libs/erp-sync), so a new connector needs no migration. Edited by hand: Prisma's diff drops and
-- re-adds the column, which would lose every connector's kind; the cast keeps them.
-- AlterTable
ALTER TABLE "SyncConnector" ALTER COLUMN "kind" SET DATA TYPE TEXT USING "kind"::text;

-- DropEnum
DROP TYPE "ConnectorKind";
