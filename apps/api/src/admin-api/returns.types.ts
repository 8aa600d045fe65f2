import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { Connection, PageArgs } from '@omnibus/common';
import { ReturnRequestType } from '../graphql/returns.types';
import { ReturnStatus } from '../graphql/db-enums';

@ArgsType()
export class ReturnsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'default: every channel you may read' })
  @IsOptional()
  @IsUUID('all', { message: 'channelId must be a channel id' })
  channelId?: string;

  @Field(() => ReturnStatus, { nullable: true }) @IsOptional() @IsEnum(ReturnStatus) status?: ReturnStatus;
}

@ObjectType()
export class ReturnRequestConnection extends Connection(ReturnRequestType, 'ReturnRequest') {}

@ArgsType()
export class RejectReturnArgs {
  @Field(() => ID) @IsString() id: string;
  @Field({ description: 'why, shown to the customer' })
  @IsString()
  @IsNotEmpty({ message: 'note must not be empty' })
  @MaxLength(1000)
  note: string;
}

@ArgsType()
export class RefundReturnArgs {
  @Field(() => ID) @IsString() id: string;
  @Field(() => Int, { nullable: true, description: "minor units; default: the returned units' value" })
  @IsOptional()
  @IsInt()
  @Min(0)
  amount?: number;
}

@InputType()
export class IssueCreditNoteInput {
  @Field(() => ID) @IsUUID('all', { message: 'channelId must be a channel id' }) channelId: string;
  @Field() @IsString() @IsNotEmpty({ message: 'invoiceNumber must not be empty' }) @MaxLength(100) invoiceNumber: string;
  @Field(() => Int, { description: "gross amount in minor units; tax in the invoice's proportion" })
  @IsInt()
  @Min(1, { message: 'amount must be at least 1' })
  amount: number;
  @Field() @IsString() @IsNotEmpty({ message: 'reason must not be empty' }) @MaxLength(1000) reason: string;
  @Field({
    nullable: true,
    description: "your own number (e.g. the ERP's): issuing it again returns the same note; default the next NW-CN-…",
  })
  @IsOptional()
  @Matches(/^[\w./-]{1,100}$/, { message: 'number must be 1 to 100 letters, digits, or . _ / -' })
  number?: string;
}
