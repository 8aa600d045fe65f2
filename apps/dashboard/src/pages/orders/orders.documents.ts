import { graphql } from '../../gql';

export const OrdersDocument = graphql(`
  query ChannelOrders($channelId: ID!, $status: String, $search: String, $placedFrom: DateTime, $placedTo: DateTime, $after: String) {
    orders(
      channelId: $channelId
      status: $status
      search: $search
      placedFrom: $placedFrom
      placedTo: $placedTo
      first: 25
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          status
          paymentMethod
          paymentStatus
          email
          placedAt
          total {
            amount
            currency
          }
        }
      }
    }
  }
`);

export const OrderDocument = graphql(`
  query OrderDetail($number: String!) {
    order(number: $number) {
      id
      number
      channelId
      status
      paymentMethod
      paymentStatus
      email
      placedAt
      cancelReason
      cancelledAt
      shippingMethodCode
      taxInclusive
      subtotal {
        amount
        currency
      }
      shipping {
        amount
      }
      tax {
        amount
      }
      total {
        amount
        currency
      }
      shippingAddress {
        fullName
        street1
        postalCode
        city
        countryCode
      }
      erpReferences {
        connectorCode
        externalId
        externalNumber
      }
      lines {
        id
        sku
        name
        quantity
        shippedQuantity
        invoicedQuantity
        returnedQuantity
        unitPrice {
          amount
        }
        lineTotal {
          amount
        }
      }
      shipments {
        id
        reference
        warehouseCode
        carrier
        trackingNumber
        trackingUrl
        status
        shippedAt
        deliveredAt
        lines {
          sku
          quantity
        }
      }
      invoices {
        id
        number
        status
        issuedAt
        dueAt
        overdue
        total {
          amount
        }
        amountPaid {
          amount
        }
        credited {
          amount
        }
        amountDue {
          amount
        }
      }
      payments {
        id
        reference
        method
        receivedAt
        amount {
          amount
        }
      }
      returns {
        id
        number
        status
      }
    }
  }
`);

export const AcceptOrderDocument = graphql(`
  mutation AcceptOrder($id: ID!) {
    acceptOrder(id: $id) {
      id
      status
    }
  }
`);
export const StartFulfilmentDocument = graphql(`
  mutation StartFulfilment($id: ID!) {
    startFulfilment(id: $id) {
      id
      status
    }
  }
`);
export const MarkDeliveredDocument = graphql(`
  mutation MarkOrderDelivered($id: ID!) {
    markOrderDelivered(id: $id) {
      id
      status
    }
  }
`);
export const CompleteOrderDocument = graphql(`
  mutation CompleteOrder($id: ID!) {
    completeOrder(id: $id) {
      id
      status
    }
  }
`);
export const CancelOrderDocument = graphql(`
  mutation CancelOrder($id: ID!, $reason: String!) {
    cancelOrder(id: $id, reason: $reason) {
      id
      status
      cancelReason
    }
  }
`);
