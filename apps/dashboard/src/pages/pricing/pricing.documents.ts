import { graphql } from '../../gql';

export const PriceListsDocument = graphql(`
  query ChannelPriceLists($channelId: ID) {
    priceLists(channelId: $channelId, first: 100) {
      nodes {
        id
        code
        name
        priority
        owner
        active
        currencyCode
        customerGroupId
        validFrom
        validUntil
        entryCount
      }
    }
    customerGroups(first: 100) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

export const PriceListEntriesDocument = graphql(`
  query PriceListEntries($priceListId: ID!, $after: String) {
    priceListEntries(priceListId: $priceListId, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        sku
        minQuantity
        amount
      }
    }
  }
`);

export const UpsertEntriesDocument = graphql(`
  mutation UpsertPriceListEntries($priceListId: ID!, $entries: [PriceListEntryInput!]!) {
    upsertPriceListEntries(priceListId: $priceListId, entries: $entries)
  }
`);

export const ExplainPriceDocument = graphql(`
  query ExplainPrice($channelId: ID!, $sku: String!, $quantity: Int!, $customerGroupCodes: [String!]!, $couponCodes: [String!]!) {
    explainPrice(
      channelId: $channelId
      sku: $sku
      quantity: $quantity
      customerGroupCodes: $customerGroupCodes
      couponCodes: $couponCodes
    ) {
      unitPrice
      listPrice
      currency
      rules {
        kind
        description
        amountAfter
      }
    }
  }
`);
