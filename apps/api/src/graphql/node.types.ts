import { Field, ID, InterfaceType } from '@nestjs/graphql';
import { ForbiddenError, isUuid, NotFoundError, UserInputError } from '@omnibus/common';

const NODE_TYPE = Symbol('node type');

/** Global object identification (Relay): every object a client caches is a Node with its own id. */
@InterfaceType('Node', {
  description: 'an object with a globally unique id (a UUID): `node(id:)` finds it again, for whoever may see it',
  resolveType: (value: { [NODE_TYPE]?: string }) => value[NODE_TYPE],
})
export abstract class Node {
  @Field(() => ID) id: string;
}

/**
 * One way to find a Node by id: the type's own query, so `node(id:)` applies exactly its access
 * rules. Each finder answers NOT_FOUND or FORBIDDEN when the id is not one of its objects for the caller.
 */
export type NodeFinders = Record<string, (id: string) => Promise<object>>;

/**
 * Asks every finder (by GraphQL type name) for the id and answers the object that one of them
 * found, tagged with its type; null when none did (missing, or not the caller's to see: the two look
 * alike). An id that is no UUID is BAD_USER_INPUT on `id`.
 */
export async function findNode(id: string, finders: NodeFinders): Promise<object | null> {
  if (!isUuid(id)) throw UserInputError.field('id', 'is not an id of this API (a UUID)');
  const found = await Promise.all(
    Object.entries(finders).map(async ([typeName, find]) => {
      try {
        return Object.assign(await find(id), { [NODE_TYPE]: typeName });
      } catch (error) {
        if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
        throw error;
      }
    }),
  );
  return found.find((node) => node !== null) ?? null;
}
