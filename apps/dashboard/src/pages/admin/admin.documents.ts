import { graphql } from '../../gql';

export const AdminChannelsDocument = graphql(`
  query AdminChannels {
    channels(first: 100) {
      nodes {
        id
        code
        name
        kind
        currencyCode
        tokenHint
        tokenRotatedAt
      }
    }
  }
`);

export const StaffUsersDocument = graphql(`
  query StaffUsers {
    staffUsers(first: 100) {
      nodes {
        id
        email
        name
        superadmin
        grants {
          channelId
          role
        }
      }
    }
  }
`);

export const SetStaffGrantsDocument = graphql(`
  mutation SetStaffGrants($userId: String!, $grants: [ChannelGrantInput!]!) {
    setStaffGrants(userId: $userId, grants: $grants) {
      id
      grants {
        channelId
        role
      }
    }
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($name: String!) {
    createApiKey(name: $name) {
      id
      key
    }
  }
`);
