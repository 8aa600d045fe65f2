import { Injectable } from '@nestjs/common';
import { AccessPolicy, StaffPrincipal } from '@omnibus/auth';
import { BillingQueryService, CreditNoteService } from '@omnibus/billing';
import { ChannelsService, nextDocumentNumber } from '@omnibus/channels';
import { buildPage, decodeCursor, encodeCursor, isUuid, NotFoundError, Page, UserInputError } from '@omnibus/common';
import { CustomerDirectory, partyWhere, type CustomerPrincipal } from '@omnibus/customers';
import { Prisma, PrismaService } from '@omnibus/db';
import { writeEvent } from '@omnibus/events';
import { StockLevelService, STOCK_TX_OPTIONS, WarehouseService } from '@omnibus/inventory';
import { OrderFacts } from '@omnibus/orders';
import { RETURN_ROW, ReturnDetails, ReturnRow } from './return-include';
import {
  assertReturnTransition,
  returnableQuantities,
  returnAmounts,
  returnedValue,
  returningQuantities,
  returnLineErrors,
  ReturnStatus,
} from './returns-math';

type Tx = Prisma.TransactionClient;

export interface ReturnRequestData {
  orderId: string;
  reason: string;
  lines: { orderLineId: string; quantity: number; reason?: string | null }[];
}

export interface ReturnListQuery {
  channelId?: string | null;
  status?: ReturnStatus | null;
  first: number;
  after?: string | null;
}

interface LockedReturn {
  id: string;
  channelId: string;
  status: ReturnStatus;
}

/**
 * Returns (RMA): a customer asks to send back delivered units; staff approve or reject, receive the
 * goods (optionally restocking them) and give the money back as a refund or a credit note. Every
 * step is one transaction with its outbox event.
 */
@Injectable()
export class ReturnsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly stock: StockLevelService,
    private readonly warehouses: WarehouseService,
    private readonly creditNotes: CreditNoteService,
    private readonly invoices: BillingQueryService,
    private readonly orders: OrderFacts,
    private readonly customers: CustomerDirectory,
    private readonly channels: ChannelsService,
  ) {}

  // ── the customer's side ──

  /**
   * The order must be the customer's (or their company's). Quantities are checked with the order row
   * locked, so two requests at once queue and the second sees the first's lines.
   */
  async request(principal: CustomerPrincipal, data: ReturnRequestData): Promise<ReturnDetails> {
    return this.prisma.$transaction(async (tx) => {
      const party = await this.customers.partyOf(principal, tx);
      if (!(await this.orders.belongsTo(party, data.orderId, tx))) throw new NotFoundError('Order', data.orderId);
      await this.orders.lock(tx, data.orderId);
      const order = (await this.orders.withLines(data.orderId, tx))!;
      const returnable = returnableQuantities(
        await this.orders.delivered(order.id, tx),
        await this.returning(
          order.lines.map((l) => l.id),
          tx,
        ),
      );
      const errors = returnLineErrors(data.lines, new Set(order.lines.map((l) => l.id)), returnable, 'input.lines');
      if (errors.length) throw new UserInputError(`${errors[0].path}: ${errors[0].message}`, errors);

      const number = await nextDocumentNumber(tx, await this.channels.require(order.channelId, tx), 'RMA');
      const [created] = await this.details(
        [
          await tx.returnRequest.create({
            data: {
              channelId: order.channelId,
              orderId: order.id,
              customerId: principal.customerId,
              companyId: order.companyId,
              number,
              reason: data.reason,
              lines: { create: data.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, reason: l.reason ?? null })) },
            },
            include: RETURN_ROW,
          }),
        ],
        tx,
      );
      await writeEvent(tx, {
        type: 'return.requested',
        version: 1,
        aggregate: { type: 'return', id: created.id },
        payload: {
          number,
          channelId: order.channelId,
          orderId: order.id,
          orderNumber: order.number,
          customerId: principal.customerId,
          reason: data.reason,
          lines: created.lines.map((l) => ({ orderLineId: l.orderLineId, sku: l.orderLine.sku, quantity: l.quantity, reason: l.reason })),
        },
      });
      return created;
    }, STOCK_TX_OPTIONS);
  }

  /** Returns of the orders the customer sees (a company buyer: the company's), newest first. */
  async listForCustomer(principal: CustomerPrincipal, query: { first: number; after?: string | null }): Promise<Page<ReturnDetails>> {
    return this.page(partyWhere(await this.customers.partyOf(principal)), query);
  }

  /** One of the returns `listForCustomer` shows, by id; anyone else's is NOT_FOUND. */
  async getForCustomer(principal: CustomerPrincipal, id: string): Promise<ReturnDetails> {
    const where = { id, ...partyWhere(await this.customers.partyOf(principal)) };
    const found = isUuid(id) ? await this.prisma.returnRequest.findFirst({ where, include: RETURN_ROW }) : null;
    if (!found) throw new NotFoundError('Return', id);
    const [details] = await this.details([found]);
    return details;
  }

  // ── staff ──

  async list(actor: StaffPrincipal, query: ReturnListQuery): Promise<Page<ReturnDetails>> {
    if (query.channelId) AccessPolicy.assertRead(actor, query.channelId);
    const readable = AccessPolicy.readableChannelIds(actor);
    const where: Prisma.ReturnRequestWhereInput = {
      ...(query.channelId ? { channelId: query.channelId } : readable ? { channelId: { in: readable } } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    return this.page(where, query);
  }

  async get(actor: StaffPrincipal, id: string): Promise<ReturnDetails> {
    const found = isUuid(id) ? await this.prisma.returnRequest.findUnique({ where: { id }, include: RETURN_ROW }) : null;
    if (!found) throw new NotFoundError('Return', id);
    AccessPolicy.assertRead(actor, found.channelId);
    const [details] = await this.details([found]);
    return details;
  }

  approve(actor: StaffPrincipal, id: string, note?: string | null): Promise<ReturnDetails> {
    return this.transition(actor, id, 'APPROVED', async () => ({ decidedAt: new Date(), ...(note ? { staffNote: note } : {}) }));
  }

  reject(actor: StaffPrincipal, id: string, note: string): Promise<ReturnDetails> {
    return this.transition(actor, id, 'REJECTED', async () => ({ decidedAt: new Date(), staffNote: note, closedAt: new Date() }));
  }

  /** The goods arrived; with a warehouse code, they go back on hand there (it must serve the return's channel). */
  receive(actor: StaffPrincipal, id: string, restockWarehouseCode?: string | null): Promise<ReturnDetails> {
    return this.transition(actor, id, 'RECEIVED', async (tx, ret) => {
      if (!restockWarehouseCode) return { receivedAt: new Date() };
      const warehouse = await this.warehouses.servingChannel(ret.channelId, restockWarehouseCode, tx);
      if (!warehouse) throw UserInputError.field('restockWarehouseCode', "is not a warehouse of this return's channel");
      // one change per variant, in variant order: the same lock order as every other stock writer
      const units = new Map<string, number>();
      for (const l of ret.lines)
        if (l.orderLine.variantId) units.set(l.orderLine.variantId, (units.get(l.orderLine.variantId) ?? 0) + l.quantity);
      for (const variantId of [...units.keys()].sort()) {
        await this.stock.adjustIn(tx, {
          variantId,
          warehouseId: warehouse.id,
          delta: units.get(variantId)!,
          reason: `return ${ret.number}`,
          actor: actorName(actor),
        });
      }
      return { receivedAt: new Date(), restockWarehouseId: warehouse.id };
    });
  }

  /** Money back by the original payment means; defaults to the returned units' value (with tax, as the order charged it). */
  refund(actor: StaffPrincipal, id: string, amount?: number | null): Promise<ReturnDetails> {
    return this.transition(actor, id, 'REFUNDED', async (_tx, ret) => {
      const { total } = amountsOf(ret);
      if (amount !== undefined && amount !== null && amount > total)
        throw UserInputError.field('amount', `at most ${total}, the value of the returned units`);
      return { refundAmount: amount ?? total, closedAt: new Date() };
    });
  }

  /** Money back as a credit note for the returned units (tax split like the order's), against the order's invoice if it has one. */
  credit(actor: StaffPrincipal, id: string): Promise<ReturnDetails> {
    return this.transition(actor, id, 'CREDITED', async (tx, ret) => {
      const channel = await this.channels.require(ret.channelId, tx);
      await this.creditNotes.issueIn(tx, {
        channel,
        orderId: ret.orderId,
        invoiceId: await this.invoices.latestIssuedInvoiceId(ret.orderId, tx),
        returnId: ret.id,
        customerId: ret.customerId ?? ret.order.customerId,
        companyId: ret.order.companyId,
        ...amountsOf(ret),
        reason: `return ${ret.number}`,
      });
      return { closedAt: new Date() };
    });
  }

  /** Units being returned of these order lines (every return that was not rejected). */
  async returning(orderLineIds: readonly string[], db: Tx = this.prisma): Promise<Map<string, number>> {
    if (orderLineIds.length === 0) return new Map();
    const lines = await db.returnLine.findMany({
      where: { orderLineId: { in: [...orderLineIds] } },
      select: { orderLineId: true, quantity: true, return: { select: { status: true } } },
    });
    return returningQuantities(lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, returnStatus: l.return.status })));
  }

  /** The returns of these orders, oldest first, per order id. */
  async ofOrders(orderIds: readonly string[]): Promise<Map<string, ReturnRow[]>> {
    const rows = orderIds.length
      ? await this.prisma.returnRequest.findMany({
          where: { orderId: { in: [...orderIds] } },
          include: RETURN_ROW,
          orderBy: { requestedAt: 'asc' },
        })
      : [];
    const byOrder = new Map<string, ReturnRow[]>();
    for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
    return byOrder;
  }

  // ── helpers ──

  /** Returns with what they point at: the order lines they take back, the order, the credit note (a batch of lookups per page). */
  private async details(rows: ReturnRow[], db: Tx = this.prisma): Promise<ReturnDetails[]> {
    const [lines, orders, creditNotes] = await Promise.all([
      this.orders.lines(
        rows.flatMap((r) => r.lines.map((l) => l.orderLineId)),
        db,
      ),
      this.orders.summaries(
        rows.map((r) => r.orderId),
        db,
      ),
      this.creditNotes.ofReturns(
        rows.map((r) => r.id),
        db,
      ),
    ]);
    return rows.map((row) => ({
      ...row,
      lines: row.lines.map((l) => ({ ...l, orderLine: lines.get(l.orderLineId)! })),
      order: orders.get(row.orderId)!,
      creditNote: creditNotes.get(row.id) ?? null,
    }));
  }

  /**
   * One guarded step: the return row is locked, so of two concurrent steps the second sees the
   * first's status and is a CONFLICT if it no longer applies. Emits `return.status_changed`.
   */
  private async transition(
    actor: StaffPrincipal,
    id: string,
    to: ReturnStatus,
    apply: (tx: Tx, ret: ReturnDetails) => Promise<Prisma.ReturnRequestUncheckedUpdateInput>,
  ): Promise<ReturnDetails> {
    if (!isUuid(id)) throw new NotFoundError('Return', id);
    return this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<LockedReturn[]>`
        SELECT "id", "channelId", "status"::text AS "status" FROM "ReturnRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
      if (!locked) throw new NotFoundError('Return', id);
      AccessPolicy.assertWrite(actor, locked.channelId);
      assertReturnTransition(locked.status, to);
      const [ret] = await this.details([await tx.returnRequest.findUniqueOrThrow({ where: { id }, include: RETURN_ROW })], tx);
      const changes = await apply(tx, ret);
      const [updated] = await this.details(
        [await tx.returnRequest.update({ where: { id }, data: { ...changes, status: to }, include: RETURN_ROW })],
        tx,
      );
      await writeEvent(tx, {
        type: 'return.status_changed',
        version: 1,
        aggregate: { type: 'return', id },
        payload: {
          number: updated.number,
          channelId: updated.channelId,
          orderId: updated.orderId,
          orderNumber: updated.order.number,
          from: locked.status,
          to,
          staffNote: updated.staffNote,
          refundAmount: updated.refundAmount,
          creditNoteNumber: updated.creditNote?.number ?? null,
          restockWarehouseId: updated.restockWarehouseId,
          actor: actorName(actor),
        },
      });
      return updated;
    }, STOCK_TX_OPTIONS);
  }

  private async page(where: Prisma.ReturnRequestWhereInput, query: { first: number; after?: string | null }): Promise<Page<ReturnDetails>> {
    const afterId = query.after ? decodeCursor(query.after) : undefined;
    const [rows, totalCount] = await Promise.all([
      this.prisma.returnRequest.findMany({
        where,
        include: RETURN_ROW,
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
        take: query.first + 1,
        ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
      }),
      this.prisma.returnRequest.count({ where }),
    ]);
    const nodes = await this.details(rows.slice(0, query.first));
    return { ...buildPage(rows, query, totalCount, (row) => encodeCursor(row.id)), nodes };
  }
}

/** Subtotal, tax and total of the returned units, at the prices paid. */
export function amountsOf(ret: ReturnDetails) {
  return returnAmounts(ret.order, returnedValue(ret.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.orderLine.unitPrice }))));
}

function actorName(actor: StaffPrincipal): string {
  return actor.via === 'system' ? 'system' : actor.email;
}
