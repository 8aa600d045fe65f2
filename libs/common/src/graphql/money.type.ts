import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An amount in integer minor units (cents) of an ISO 4217 currency' })
export class Money {
  @Field(() => Int) amount: number;
  @Field() currency: string;
}
