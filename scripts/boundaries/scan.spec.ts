import { join } from 'node:path';
import { readPrismaModels } from './prisma-schema.mjs';
import { scanSource } from './scan.mjs';

// The boundary check (`npm run boundaries`, part of `npm run lint`) sees every way a file can touch a table.
describe('boundary scan', () => {
  const models = readPrismaModels(join(__dirname, '../../prisma/schema.prisma'));
  const uses = (source: string) => scanSource('example.ts', source, models).map((u) => `${u.access} ${u.model}`);

  it('finds delegate calls, reads and writes', () => {
    expect(uses('await tx.order.update({ where: { id }, data: { paid: true } });')).toEqual(['write Order']);
    expect(uses('await this.prisma.productVariant.findMany({ where: { sku: { in: skus } } });')).toEqual(['read ProductVariant']);
  });

  it('follows include, select, relation filters and nested writes into other models', () => {
    expect(uses('prisma.invoice.findMany({ include: { order: { select: { number: true } }, lines: true } })')).toEqual([
      'read Invoice',
      'read Order',
      'read InvoiceLine',
    ]);
    expect(uses('prisma.cart.findFirst({ where: { lines: { some: { variant: { sku } } } } })')).toEqual([
      'read Cart',
      'read CartLine',
      'read ProductVariant',
    ]);
    expect(uses('tx.order.create({ data: { lines: { create: [] }, channel: { connect: { id } } } })')).toEqual([
      'write Order',
      'write OrderLine',
    ]);
  });

  it('reads typed argument objects declared apart from the call', () => {
    expect(uses('const DETAILS = { channel: { select: { code: true } } } satisfies Prisma.OrderInclude;')).toEqual(['read Channel']);
  });

  it('finds tables in raw SQL, telling writes from reads', () => {
    expect(uses('await tx.$queryRaw`SELECT "id" FROM "Order" WHERE "id" = ${id} FOR UPDATE`;')).toEqual(['read Order']);
    expect(uses('await tx.$executeRaw`UPDATE "StockLevel" SET "onHand" = 1`;')).toEqual(['write StockLevel']);
  });

  it('ignores look-alikes that are not Prisma model delegates', () => {
    expect(uses('order.lines.map((l) => l.sku); this.orders.create(x); const s = "Order";')).toEqual([]);
  });
});
