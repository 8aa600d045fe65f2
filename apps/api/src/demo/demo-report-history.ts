import { randomUUID } from 'node:crypto';
import { PrismaService } from '@omnibus/db';

const DAYS = 90;
const ORDERS_PER_CHANNEL = 120;
const SOURCES = [
  { utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring-sale', gclid: 'demo-gclid' },
  { utmSource: 'newsletter', utmMedium: 'email', utmCampaign: 'weekly' },
  { utmSource: 'instagram', utmMedium: 'social', utmCampaign: 'drop', fbclid: 'demo-fbclid' },
  {},
];
const ADDRESS = { fullName: 'Demo Customer', street1: 'Demo Street 1', postalCode: '20095', city: 'Hamburg', countryCode: 'DE' };

/**
 * Ninety days of order history for the reports on `npm start` (not in tests: they start from a
 * catalog without orders): delivered orders with attribution, each invoiced with the ERP cost on its
 * lines (one line in ten without a cost, as when the ERP has not told it yet), a few cancellations and
 * credit notes. Deterministic. Numbers carry a D (NW-D00001) so they never meet checkout's sequence.
 */
export async function seedReportHistory(prisma: PrismaService): Promise<number> {
  let written = 0;
  for (const code of ['nordwind', 'brooklyn']) {
    const channel = await prisma.channel.findUniqueOrThrow({ where: { code } });
    const rate = (await prisma.taxRate.findFirst({ where: { channelId: channel.id, countryCode: channel.taxCountryCode } }))?.rateBps ?? 0;
    const prices = await prisma.variantPrice.findMany({
      where: { channelId: channel.id },
      include: { variant: { select: { sku: true, name: true, costPrice: true } } },
      orderBy: { variantId: 'asc' },
      take: 60,
    });
    if (prices.length === 0) continue;
    for (let n = 1; n <= ORDERS_PER_CHANNEL; n++) {
      const placedAt = new Date(Date.now() - ((n * DAYS) / ORDERS_PER_CHANNEL) * 86_400_000 - (n % 11) * 3_600_000);
      const lines = [0, 1, 2].slice(0, 1 + (n % 3)).map((k) => {
        const price = prices[(n * 7 + k * 13) % prices.length];
        const quantity = 1 + ((n + k) % 2);
        const cost = (n + k) % 10 === 0 ? null : (price.variant.costPrice ?? Math.round(price.amount * 0.45));
        return { id: randomUUID(), price, quantity, cost, lineTotal: price.amount * quantity };
      });
      const subtotal = lines.reduce((s, l) => s + l.lineTotal, 0);
      const shipping = subtotal >= 10_000 ? 0 : 495;
      const taxable = subtotal + shipping;
      const tax = channel.taxInclusive ? taxable - Math.round((taxable * 10_000) / (10_000 + rate)) : Math.round((taxable * rate) / 10_000);
      const total = channel.taxInclusive ? taxable : taxable + tax;
      const cancelled = n % 17 === 0;
      const number = `${channel.orderNumberPrefix}-D${String(n).padStart(5, '0')}`;
      const order = await prisma.order.create({
        data: {
          channelId: channel.id,
          number,
          status: cancelled ? 'CANCELLED' : 'DELIVERED',
          cancelledAt: cancelled ? placedAt : null,
          email: `demo-${n}@example.com`,
          currencyCode: channel.currencyCode,
          subtotal,
          shippingTotal: shipping,
          taxTotal: tax,
          total,
          taxInclusive: channel.taxInclusive,
          shippingAddress: ADDRESS,
          billingAddress: ADDRESS,
          idempotencyKey: `demo-history-${n}`,
          ...SOURCES[n % SOURCES.length],
          landingPage: n % 2 ? '/' : '/products',
          deviceClass: n % 3 ? 'desktop' : 'mobile',
          paid: !cancelled,
          paymentStatus: cancelled ? 'PENDING' : 'PAID',
          placedAt,
          lines: {
            create: lines.map((l) => ({
              id: l.id,
              variantId: l.price.variantId,
              sku: l.price.variant.sku,
              name: l.price.variant.name,
              quantity: l.quantity,
              unitPrice: l.price.amount,
              listPrice: l.price.amount,
              lineTotal: l.lineTotal,
            })),
          },
        },
      });
      written++;
      if (cancelled) continue;
      const issuedAt = new Date(placedAt.getTime() + 86_400_000);
      const invoice = await prisma.invoice.create({
        data: {
          channelId: channel.id,
          orderId: order.id,
          number: `${channel.orderNumberPrefix}-INV-D${String(n).padStart(5, '0')}`,
          status: 'PAID',
          currencyCode: channel.currencyCode,
          subtotal: total - tax,
          taxTotal: tax,
          total,
          amountPaid: total,
          issuedAt,
          dueAt: issuedAt,
          lines: {
            create: [
              ...lines.map((l) => ({
                orderLineId: l.id,
                sku: l.price.variant.sku,
                description: l.price.variant.name,
                quantity: l.quantity,
                unitPrice: l.price.amount,
                lineTotal: l.lineTotal,
                unitCost: l.cost,
              })),
              ...(shipping ? [{ description: 'Shipping', quantity: 1, unitPrice: shipping, lineTotal: shipping }] : []),
            ],
          },
        },
      });
      if (n % 13 === 0)
        await prisma.creditNote.create({
          data: {
            channelId: channel.id,
            number: `${channel.orderNumberPrefix}-CN-D${String(n).padStart(5, '0')}`,
            orderId: order.id,
            invoiceId: invoice.id,
            currencyCode: channel.currencyCode,
            subtotal: Math.round(((total - tax) * 500) / total),
            taxTotal: 500 - Math.round(((total - tax) * 500) / total),
            total: 500,
            reason: 'Demo: goodwill for a late parcel',
            issuedAt: new Date(issuedAt.getTime() + 3 * 86_400_000),
          },
        });
    }
  }
  return written;
}
