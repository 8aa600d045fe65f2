import { graphql } from '../../gql';

export const BrandChannelDocument = graphql(`
  query BrandChannel($id: ID!) {
    channel(id: $id) {
      id
      code
      name
      kind
      currencyCode
      defaultLocale
      logoUrl
      primaryColor
      secondaryColor
      domain
      taxInclusive
      tokenHint
      tokenRotatedAt
    }
  }
`);

export const UpdateBrandDocument = graphql(`
  mutation UpdateBrand($id: ID!, $input: UpdateChannelInput!) {
    updateChannel(id: $id, input: $input) {
      id
      name
      defaultLocale
      logoUrl
      primaryColor
      secondaryColor
      domain
    }
  }
`);

export const RotateTokenDocument = graphql(`
  mutation RotateStorefrontToken($id: ID!) {
    rotateChannelToken(id: $id) {
      token
      channel {
        id
        tokenHint
        tokenRotatedAt
      }
    }
  }
`);
