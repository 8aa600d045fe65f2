import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money } from '@omnibus/common';
import { CategoryType, ChannelBrandFields, ProductBaseFields, VariantBaseFields } from '../graphql/catalog.types';
import { StaffRole } from '../graphql/db-enums';
import { Node } from '../graphql/node.types';

@ObjectType('AdminChannel', { implements: () => [Node] })
export class AdminChannel extends ChannelBrandFields {
  @Field(() => ID) id: string;
  @Field() orderNumberPrefix: string;
  @Field({ description: 'last characters of the current storefront token' }) tokenHint: string;
  @Field() tokenRotatedAt: Date;
  @Field({ description: 'IANA time zone: reports read their date ranges and days in it' }) timeZone: string;
}

@ObjectType({ description: 'The storefront token is shown only here, once' })
export class ChannelWithToken {
  @Field(() => AdminChannel) channel: AdminChannel;
  @Field() token: string;
}

@ObjectType()
export class ChannelPrice {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field(() => Int) amount: number;
  @Field() currency: string;
}

@ObjectType()
export class Publication {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field(() => String, { nullable: true, description: 'name override in that channel' }) name: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType()
export class AdminVariant extends VariantBaseFields {
  @Field(() => [ChannelPrice], { description: 'base prices in the channels you may see' }) prices: ChannelPrice[];
  @Field(() => Money, { nullable: true, description: "the ERP's cost per unit (read-only: the ERP owns it); null when unknown" })
  cost: Money | null;
  // margins (per channel, from the base price and the cost) are resolved in variant-margins.resolver.ts
}

@ObjectType({ description: "a variant's gross margin in one channel: its base price net of tax, less the ERP's cost" })
export class ChannelMargin {
  @Field(() => ID) channelId: string;
  @Field() channelCode: string;
  @Field(() => Money, { description: "the base price net of tax (on tax-inclusive channels, at the channel's home tax rate)" })
  netPrice: Money;
  @Field(() => Money) cost: Money;
  @Field(() => Money, { description: 'netPrice − cost' }) margin: Money;
  @Field(() => Int, { description: 'margin ÷ netPrice in basis points (1 % = 100); null when the net price is 0', nullable: true })
  marginBps: number | null;
}

@ObjectType({ implements: () => [Node] })
export class AdminProduct extends ProductBaseFields {
  @Field(() => [AdminVariant]) variants: AdminVariant[];
  @Field(() => [Publication], { description: 'the channels you may see that publish it' }) publications: Publication[];
  @Field() updatedAt: Date;
}

@ObjectType()
export class AdminProductConnection extends Connection(AdminProduct, 'AdminProduct') {}

@ObjectType()
export class ChannelGrant {
  @Field(() => ID) channelId: string;
  @Field(() => StaffRole) role: StaffRole;
}

@ObjectType()
export class StaffUser {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field() superadmin: boolean;
  @Field(() => [ChannelGrant]) grants: ChannelGrant[];
}

@ObjectType()
export class LoginResult {
  @Field({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken: string;
  @Field(() => Int) expiresIn: number;
  @Field(() => StaffUser) user: StaffUser;
}

@ObjectType({ description: 'The key is shown only here, once' })
export class CreatedApiKey {
  @Field(() => ID) id: string;
  @Field({ description: 'send as x-api-key' }) key: string;
}

export { CategoryType };
