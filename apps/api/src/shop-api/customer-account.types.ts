import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CustomerType } from '../graphql/customer.types';

const PASSWORD_MIN = 10;

export enum AddressDefaultKindGql {
  SHIPPING = 'SHIPPING',
  BILLING = 'BILLING',
}
registerEnumType(AddressDefaultKindGql, { name: 'AddressDefaultKind' });

@InputType()
export class RegisterCustomerInput {
  @Field() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(200)
  password: string;
  @Field() @IsString() @IsNotEmpty({ message: 'firstName must not be empty' }) @MaxLength(100) firstName: string;
  @Field() @IsString() @IsNotEmpty({ message: 'lastName must not be empty' }) @MaxLength(100) lastName: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) token: string;
  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `newPassword must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(200)
  newPassword: string;
}

@ObjectType()
export class CustomerAuthResult {
  @Field() accessToken: string;
  @Field({ description: 'single use: each refresh returns the next one' }) refreshToken: string;
  @Field(() => Int, { description: 'access token lifetime in seconds' }) expiresIn: number;
  @Field(() => CustomerType) customer: CustomerType;
}

@InputType({ isAbstract: true })
class AddressFields {
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) fullName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) company?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) street1?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) street2?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(20) postalCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) city?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() defaultShipping?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() defaultBilling?: boolean;
}

@InputType()
export class UpdateAddressInput extends AddressFields {}

@InputType()
export class AddressInput extends AddressFields {
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) declare fullName: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(200) declare street1: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(20) declare postalCode: string;
  @Field() @IsString() @IsNotEmpty() @MaxLength(100) declare city: string;
  @Field() @Matches(/^[A-Za-z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' }) declare countryCode: string;
}

@ArgsType()
export class SetDefaultAddressArgs {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => AddressDefaultKindGql) @IsEnum(AddressDefaultKindGql) kind: AddressDefaultKindGql;
}
