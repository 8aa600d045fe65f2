import { graphql } from '../gql';

export const LoginDocument = graphql(`
  mutation DashboardLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken
      expiresIn
      user {
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

// the caller's channels: a brand manager or viewer gets only theirs (the switcher lists exactly these)
export const MyChannelsDocument = graphql(`
  query DashboardChannels {
    channels(first: 100) {
      nodes {
        id
        code
        name
        kind
        currencyCode
        primaryColor
      }
    }
  }
`);
