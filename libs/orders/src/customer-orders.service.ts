import { Injectable } from '@nestjs/common';
import { buildPage, ClientError, decodeCursor, encodeCursor, ErrorCode, NotFoundError, Page } from '@omnibus/common';
import { CustomerDirectory, partyWhere } from '@omnibus/customers';
import { Prisma, PrismaService } from '@omnibus/db';
import { CartService, MAX_LINE_QUANTITY } from './cart.service';
import { CartView, Shopper } from './orders.types';
import { deliveredQuantities } from './delivered-quantities';

const PORTAL_ORDER_INCLUDE = {
  lines: { orderBy: { id: 'asc' } },
  shipments: { orderBy: [{ shippedAt: 'asc' }, { id: 'asc' }], include: { lines: { include: { orderLine: { select: { sku: true } } } } } },
} satisfies Prisma.OrderInclude;

type PortalOrderRow = Prisma.OrderGetPayload<{ include: typeof PORTAL_ORDER_INCLUDE }>;

export interface PortalOrderLine {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  /** units that reached the customer (what a return may take back) */
  deliveredQuantity: number;
}

export type PortalOrder = Omit<PortalOrderRow, 'lines'> & { lines: PortalOrderLine[] };

export interface ReorderResult {
  token: string;
  cart: CartView;
  /** lines not put in the cart: no longer sold or priced here */
  skippedSkus: string[];
}

/** A signed-in customer's orders (a company buyer: the company's), and buying them again. */
@Injectable()
export class CustomerOrdersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly carts: CartService,
    private readonly customers: CustomerDirectory,
  ) {}

  async list(
    principal: { customerId: string; channelId: string },
    query: { first: number; after?: string | null; status?: string | null },
  ): Promise<Page<PortalOrder>> {
    const party = await this.customers.partyOf(principal);
    const where: Prisma.OrderWhereInput = {
      ...partyWhere(party),
      ...(query.status ? { status: query.status as PortalOrder['status'] } : {}),
    };
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.order.findMany({
        where,
        include: PORTAL_ORDER_INCLUDE,
        orderBy: [{ placedAt: 'desc' }, { id: 'desc' }],
        take: query.first + 1,
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
      }),
      this.prisma.order.count({ where }),
    ]);
    const nodes = rows.slice(0, query.first).map(toPortalOrder);
    return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
  }

  /** One order by number; another customer's or channel's is NOT_FOUND. */
  async get(principal: { customerId: string; channelId: string }, number: string): Promise<PortalOrder> {
    const party = await this.customers.partyOf(principal);
    const row = await this.prisma.order.findFirst({ where: { ...partyWhere(party), number }, include: PORTAL_ORDER_INCLUDE });
    if (!row) throw new NotFoundError('Order', number);
    return toPortalOrder(row);
  }

  /**
   * A new cart with the order's lines that this channel still sells and prices (at today's prices);
   * the rest are named in skippedSkus. The cart belongs to the signed-in customer.
   */
  async reorder(shopper: Shopper & { customer: { customerId: string; channelId: string } }, orderNumber: string): Promise<ReorderResult> {
    const order = await this.get(shopper.customer, orderNumber);
    const created = await this.carts.create(shopper);
    const token = created.token;
    let cart = created.cart;
    const skippedSkus: string[] = [];
    for (const line of order.lines) {
      try {
        cart = await this.carts.addLine(shopper, token, line.sku, Math.min(line.quantity, MAX_LINE_QUANTITY));
      } catch (error) {
        // not sold here any more (NOT_FOUND) or without a price (CONFLICT): skip it, anything else is a real failure
        if (
          error instanceof ClientError &&
          [ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.BadUserInput].includes(error.extensions.code as ErrorCode)
        ) {
          skippedSkus.push(line.sku);
          continue;
        }
        throw error;
      }
    }
    return { token, cart, skippedSkus };
  }
}

function toPortalOrder(row: PortalOrderRow): PortalOrder {
  const delivered = deliveredQuantities(
    row.status,
    row.shipments.flatMap((s) => s.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, shipmentStatus: s.status }))),
  );
  return {
    ...row,
    lines: row.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      deliveredQuantity: delivered.get(l.id) ?? 0,
    })),
  };
}
