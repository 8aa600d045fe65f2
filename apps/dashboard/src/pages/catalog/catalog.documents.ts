import { graphql } from '../../gql';

export const CatalogProductsDocument = graphql(`
  query CatalogProducts($channelId: ID, $filter: ProductFilterInput, $after: String) {
    adminProducts(first: 25, channelId: $channelId, filter: $filter, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          slug
          name
          category {
            slug
            name
          }
          publications {
            channelId
          }
          variants {
            id
            sku
          }
        }
      }
    }
  }
`);

export const CatalogCategoriesDocument = graphql(`
  query CatalogCategories {
    adminCategories(first: 100) {
      nodes {
        id
        slug
        name
      }
    }
  }
`);

export const CatalogProductDocument = graphql(`
  query CatalogProduct($id: ID!) {
    adminProduct(id: $id) {
      id
      slug
      name
      description
      erpOwnedFields
      updatedAt
      category {
        id
        slug
        name
      }
      images {
        url
        alt
      }
      publications {
        channelId
        channelCode
        name
        description
      }
      variants {
        id
        sku
        name
        erpOwnedFields
        options {
          name
          value
        }
        prices {
          channelId
          amount
          currency
        }
        cost {
          amount
          currency
        }
      }
    }
  }
`);

export const PublishProductDocument = graphql(`
  mutation PublishProduct($productId: ID!, $channelId: ID!, $overrides: PublicationInput) {
    publishProduct(productId: $productId, channelId: $channelId, overrides: $overrides) {
      id
      publications {
        channelId
        name
        description
      }
    }
  }
`);

export const UnpublishProductDocument = graphql(`
  mutation UnpublishProduct($productId: ID!, $channelId: ID!) {
    unpublishProduct(productId: $productId, channelId: $channelId)
  }
`);

export const UpdateProductDocument = graphql(`
  mutation UpdateCatalogProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      name
      description
    }
  }
`);
