import { MapperKind, mapSchema, pruneSchema } from '@graphql-tools/utils';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

const withoutNode = (type: GraphQLObjectType) =>
  new GraphQLObjectType({ ...type.toConfig(), interfaces: type.getInterfaces().filter((i) => i.name !== 'Node') });

/**
 * Each endpoint's `Node` lists only the types that endpoint serves. Nest puts every class that
 * implements an interface into every schema, and pruning keeps all implementations of a returned
 * interface, so `node` would drag the Admin types into the Shop schema. This finds what the endpoint
 * reaches without `node`, and takes `Node` off every other type (which pruning then drops).
 */
export function keepOwnNodes(schema: GraphQLSchema): GraphQLSchema {
  const reachable = pruneSchema(
    mapSchema(schema, {
      [MapperKind.QUERY]: (type) => {
        const config = type.toConfig();
        const { node: _node, ...fields } = config.fields;
        return new GraphQLObjectType({ ...config, fields });
      },
      [MapperKind.OBJECT_TYPE]: withoutNode,
    }),
  );
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => (reachable.getType(type.name) ? type : withoutNode(type)),
  });
}
