import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentStaff, StaffAuthGuard, StaffPrincipal } from '@omnibus/auth';
import { CreditNoteService } from '@omnibus/billing';
import { toConnection } from '@omnibus/common';
import { ReturnsService } from '@omnibus/returns';
import { CreditNoteType, ReturnRequestType, toCreditNote, toReturn } from '../graphql/returns.types';
import { IssueCreditNoteInput, RejectReturnArgs, RefundReturnArgs, ReturnRequestConnection, ReturnsArgs } from './returns.types';

const IdArg = { type: () => ID };

/** Returns (RMA) and credit notes: read by anyone granted the channel, decided by its brand managers. */
@Resolver()
@UseGuards(StaffAuthGuard)
export class ReturnsResolver {
  constructor(
    private readonly returns: ReturnsService,
    private readonly creditNotes: CreditNoteService,
  ) {}

  @Query(() => ReturnRequestConnection, { description: 'newest first' })
  async returnRequests(@CurrentStaff() principal: StaffPrincipal, @Args() args: ReturnsArgs) {
    const page = await this.returns.list(principal, args);
    return toConnection({ ...page, nodes: page.nodes.map(toReturn) });
  }

  @Query(() => ReturnRequestType, { description: 'a return by id, for readers of its channel' })
  async returnRequest(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<ReturnRequestType> {
    return toReturn(await this.returns.get(principal, id));
  }

  @Mutation(() => ReturnRequestType, { description: 'REQUESTED → APPROVED' })
  async approveReturn(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('note', { type: () => String, nullable: true, description: "kept as the return's staffNote, which the customer sees too" })
    note?: string,
  ): Promise<ReturnRequestType> {
    return toReturn(await this.returns.approve(principal, id, note));
  }

  @Mutation(() => ReturnRequestType, { description: 'REQUESTED → REJECTED, with the reason for the customer' })
  async rejectReturn(@CurrentStaff() principal: StaffPrincipal, @Args() args: RejectReturnArgs): Promise<ReturnRequestType> {
    return toReturn(await this.returns.reject(principal, args.id, args.note));
  }

  @Mutation(() => ReturnRequestType, {
    description: 'APPROVED → RECEIVED; with a warehouse of the channel, the units go back on hand there',
  })
  async receiveReturn(
    @CurrentStaff() principal: StaffPrincipal,
    @Args('id', IdArg) id: string,
    @Args('restockWarehouseCode', {
      type: () => String,
      nullable: true,
      description: "puts the units back on hand in this warehouse (one serving the return's channel); without it nothing is restocked",
    })
    restockWarehouseCode?: string,
  ): Promise<ReturnRequestType> {
    return toReturn(await this.returns.receive(principal, id, restockWarehouseCode));
  }

  @Mutation(() => ReturnRequestType, { description: 'RECEIVED → REFUNDED (the money goes back by the original means)' })
  async refundReturn(@CurrentStaff() principal: StaffPrincipal, @Args() args: RefundReturnArgs): Promise<ReturnRequestType> {
    return toReturn(await this.returns.refund(principal, args.id, args.amount));
  }

  @Mutation(() => ReturnRequestType, { description: 'RECEIVED → CREDITED, issuing a credit note for the returned units' })
  async creditReturn(@CurrentStaff() principal: StaffPrincipal, @Args('id', IdArg) id: string): Promise<ReturnRequestType> {
    return toReturn(await this.returns.credit(principal, id));
  }

  @Mutation(() => CreditNoteType, { description: 'a correction against an invoice (at most what is not yet credited on it)' })
  async issueCreditNote(@CurrentStaff() principal: StaffPrincipal, @Args('input') input: IssueCreditNoteInput): Promise<CreditNoteType> {
    return toCreditNote(await this.creditNotes.issueCorrection(principal, input));
  }
}
