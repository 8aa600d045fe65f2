import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CustomerDetails } from '@omnibus/customers';
import { CustomerAddress as AddressRow } from '@omnibus/db';
import { Node } from './node.types';

/** Customer types both APIs show: the Shop API's `me`, the Admin API's customers. */

@ObjectType('CustomerGroupRef')
export class CustomerGroupRef {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
}

/** A postal address as orders copy it and customers keep it. */
@ObjectType('PostalAddress')
export class PostalAddressType {
  @Field() fullName: string;
  @Field(() => String, { nullable: true }) company: string | null;
  @Field() street1: string;
  @Field(() => String, { nullable: true }) street2: string | null;
  @Field() postalCode: string;
  @Field() city: string;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field({ description: 'ISO 3166-1 alpha-2' }) countryCode: string;
  @Field(() => String, { nullable: true }) phone: string | null;
}

@ObjectType('Address')
export class AddressType extends PostalAddressType {
  @Field(() => ID) id: string;
  @Field() defaultShipping: boolean;
  @Field() defaultBilling: boolean;
}

@ObjectType('CompanyRef', { description: 'the B2B company a customer buys for' })
export class CompanyRef {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) vatNumber: string | null;
  @Field() netTerms: boolean;
  @Field(() => Int) paymentTermsDays: number;
  @Field(() => Int, { description: 'minor units of currencyCode' }) creditLimit: number;
  @Field() currencyCode: string;
  @Field(() => [CustomerGroupRef]) groups: CustomerGroupRef[];
}

@ObjectType('Customer', { implements: () => [Node] })
export class CustomerType {
  @Field(() => ID) id: string;
  @Field(() => ID) channelId: string;
  @Field() email: string;
  @Field() firstName: string;
  @Field() lastName: string;
  @Field(() => [AddressType]) addresses: AddressType[];
  @Field(() => [CustomerGroupRef], { description: "the customer's own groups" }) groups: CustomerGroupRef[];
  @Field(() => [CustomerGroupRef], { description: 'own groups plus the company’s: what prices use' }) effectiveGroups: CustomerGroupRef[];
  @Field(() => CompanyRef, { nullable: true }) company: CompanyRef | null;
  @Field() createdAt: Date;
}

const group = (g: { customerGroup: CustomerGroupRef }): CustomerGroupRef => ({
  id: g.customerGroup.id,
  code: g.customerGroup.code,
  name: g.customerGroup.name,
});

export function toAddress(row: AddressRow): AddressType {
  return {
    id: row.id,
    fullName: row.fullName,
    company: row.company,
    street1: row.street1,
    street2: row.street2,
    postalCode: row.postalCode,
    city: row.city,
    region: row.region,
    countryCode: row.countryCode,
    phone: row.phone,
    defaultShipping: row.defaultShipping,
    defaultBilling: row.defaultBilling,
  };
}

export function toCustomer(row: CustomerDetails): CustomerType {
  const own = row.groups.map(group);
  const companyGroups = row.company?.groups.map(group) ?? [];
  const effective = new Map([...own, ...companyGroups].map((g) => [g.id, g]));
  return {
    id: row.id,
    channelId: row.channelId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    addresses: row.addresses.map(toAddress),
    groups: own,
    effectiveGroups: [...effective.values()].sort((a, b) => a.code.localeCompare(b.code)),
    company: row.company
      ? {
          id: row.company.id,
          name: row.company.name,
          vatNumber: row.company.vatNumber,
          netTerms: row.company.netTerms,
          paymentTermsDays: row.company.paymentTermsDays,
          creditLimit: row.company.creditLimit,
          currencyCode: row.company.currencyCode,
          groups: companyGroups,
        }
      : null,
    createdAt: row.createdAt,
  };
}
