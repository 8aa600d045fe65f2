import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getOperationAST,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/connection.types';

/** What a top-level field costs on its own: each is a lookup (a query, often several) of its own. */
export const ROOT_FIELD_COST = 10;
/** Field nodes walked at most; a document that expands to more (fragments spread many times) is refused. */
export const MAX_COST_NODES = 100_000;

interface Pending {
  selectionSet: SelectionSetNode;
  parentType: GraphQLNamedType | undefined;
  /** product of the page sizes of the enclosing lists */
  weight: number;
  root: boolean;
}

/**
 * The estimated cost of the operation: every field costs 1 times the page sizes of the lists around
 * it (a list asked for `first: N` costs N times its selection, what the database pays), and each
 * top-level field costs ROOT_FIELD_COST more. Walks the selections with an explicit stack (no
 * recursion), expanding fragments where they are spread. Throws if the operation cannot be costed
 * (the caller refuses the request then).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error('no operation to cost');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootType = schema.getRootType(operation.operation) ?? undefined;
  const stack: Pending[] = [{ selectionSet: operation.selectionSet, parentType: rootType, weight: 1, root: true }];
  let cost = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const { selectionSet, parentType, weight, root } = stack.pop()!;
    for (const selection of selectionSet.selections) {
      if (++nodes > MAX_COST_NODES) throw new Error('operation too large to cost');
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        stack.push({ selectionSet: selection.selectionSet, parentType: type, weight, root });
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new Error(`unknown fragment ${selection.name.value}`);
        stack.push({ selectionSet: fragment.selectionSet, parentType: schema.getType(fragment.typeCondition.name.value), weight, root });
        continue;
      }
      const definition = fieldDefinition(parentType, selection.name.value);
      const own = weight * (root && !selection.name.value.startsWith('__') ? 1 + ROOT_FIELD_COST : 1);
      cost += own;
      if (!Number.isFinite(cost)) throw new Error('cost overflow');
      if (selection.selectionSet) {
        const size = pageSize(selection, definition, operation, variables);
        stack.push({
          selectionSet: selection.selectionSet,
          parentType: definition ? getNamedType(definition.type) : undefined,
          weight: weight * (size ?? 1),
          root: false,
        });
      }
    }
  }
  return cost;
}

function fieldDefinition(type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return undefined;
  return type.getFields()[name];
}

/** The `first` a list field is asked for, counted at the cap when it is larger or not a number. */
function pageSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number | undefined {
  const argument = field.arguments?.find((a) => a.name.value === 'first');
  const declared = definition?.args.find((a) => a.name === 'first');
  if (!argument && !declared) return undefined;
  let value: unknown;
  if (argument?.value.kind === Kind.INT) value = Number(argument.value.value);
  else if (argument?.value.kind === Kind.VARIABLE) {
    const name = argument.value.name.value;
    if (name in variables) value = variables[name];
    else {
      const fallback = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
      value = fallback?.kind === Kind.INT ? Number(fallback.value) : (defaultOf(declared) ?? DEFAULT_PAGE_SIZE);
    }
  } else if (!argument || argument.value.kind === Kind.NULL) value = defaultOf(declared) ?? DEFAULT_PAGE_SIZE;
  if (typeof value !== 'number' || !Number.isFinite(value)) return MAX_PAGE_SIZE;
  return Math.max(1, Math.min(Math.trunc(value), MAX_PAGE_SIZE));
}

function defaultOf(argument: GraphQLField<unknown, unknown>['args'][number] | undefined): unknown {
  const fallback = argument?.default;
  if (!fallback) return undefined;
  if ('value' in fallback) return fallback.value;
  return fallback.literal?.kind === Kind.INT ? Number(fallback.literal.value) : undefined;
}
