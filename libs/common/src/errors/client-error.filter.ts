import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Expected failures (ClientError and other GraphQL errors) go back to the client as they are,
 * without Nest logging each one as a server error; unexpected ones still reach the Yoga driver,
 * which masks and logs them.
 */
@Catch(GraphQLError)
export class ClientErrorFilter implements GqlExceptionFilter {
  catch(error: GraphQLError): GraphQLError {
    return error;
  }
}
