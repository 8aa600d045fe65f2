import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Connection, PageArgs } from '@omnibus/common';
import { CustomerGroupRef, CustomerType } from '../graphql/customer.types';
import { Node } from '../graphql/node.types';

@ObjectType()
export class CustomerConnection extends Connection(CustomerType, 'Customer') {}

@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field({ nullable: true, description: 'matches e-mail, first and last name, case-insensitively' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ObjectType('CompanyBuyer')
export class CompanyBuyer {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() firstName: string;
  @Field() lastName: string;
}

@ObjectType('Company', { implements: () => [Node] })
export class CompanyType {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) vatNumber: string | null;
  @Field({ description: 'pays on invoice' }) netTerms: boolean;
  @Field(() => Int) paymentTermsDays: number;
  @Field(() => Int, { description: 'minor units of currencyCode' }) creditLimit: number;
  @Field({ description: "the channel's currency" }) currencyCode: string;
  @Field(() => [CustomerGroupRef], { description: 'apply to every buyer' }) groups: CustomerGroupRef[];
  @Field(() => [CompanyBuyer]) buyers: CompanyBuyer[];
}

@InputType({ isAbstract: true })
class CompanyFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) vatNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() netTerms?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(365) paymentTermsDays?: number;
  @Field(() => Int, { nullable: true, description: 'minor units' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'creditLimit must not be negative' })
  @Max(2_000_000_000)
  creditLimit?: number;
  @Field(() => [String], { nullable: true, description: "replaces the company's groups" })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(50)
  groupCodes?: string[];
}

@InputType()
export class UpdateCompanyInput extends CompanyFields {}

@InputType()
export class CreateCompanyInput extends CompanyFields {
  @Field(() => ID) @IsUUID() channelId: string;
  @Field() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200) declare name: string;
}
