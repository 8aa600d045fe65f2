export * from './database-config';
export * from './prisma.service';
export * from './db.module';
export { Prisma } from './generated/prisma/client';
export type * from './generated/prisma/client';
export * from './generated/prisma/enums';
export * from './migrations/migration-runner';
