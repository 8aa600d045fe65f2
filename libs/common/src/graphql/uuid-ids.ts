import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { isUuid } from '../validation/uuid';

/** At most this many argument values are checked (the document's size is bounded by the other limits). */
const MAX_CHECKED_VALUES = 100_000;

type Pending =
  | { kind: 'ast'; node: ValueNode; type: GraphQLInputType; path: string[] }
  | { kind: 'js'; value: unknown; type: GraphQLInputType; path: string[] };

/**
 * Every `ID` in Omnibus is a UUID. Returns the path (`input.lines.0.variantId`) of the first argument
 * value of type ID, in the document or in the variables, that is not one, else undefined; the caller
 * answers BAD_USER_INPUT. Checking at the API edge means no service can forget it and no malformed id
 * reaches a `::uuid` cast (PostgreSQL's error would be a 500). Iterative, like the other limits.
 */
export function firstNonUuidId(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): string | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const values: Pending[] = [];
  const selections: { set: SelectionSetNode; type: GraphQLNamedType | undefined }[] = [
    { set: operation.selectionSet, type: schema.getRootType(operation.operation) ?? undefined },
  ];
  const seenFragments = new Set<string>();
  while (selections.length > 0) {
    const { set, type } = selections.pop()!;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        selections.push({
          set: selection.selectionSet,
          type: selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type,
        });
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // a fragment's arguments are the same wherever it is spread: check it once
        if (!fragment || seenFragments.has(fragment.name.value)) continue;
        seenFragments.add(fragment.name.value);
        selections.push({ set: fragment.selectionSet, type: schema.getType(fragment.typeCondition.name.value) });
      } else {
        const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        for (const argument of selection.arguments ?? []) {
          const definition = field.args.find((a) => a.name === argument.name.value);
          if (definition) values.push({ kind: 'ast', node: argument.value, type: definition.type, path: [argument.name.value] });
        }
        if (selection.selectionSet) selections.push({ set: selection.selectionSet, type: getNamedType(field.type) });
      }
    }
  }
  let checked = 0;
  while (values.length > 0) {
    if (++checked > MAX_CHECKED_VALUES) return undefined;
    const item = values.pop()!;
    const type = getNullableType(item.type) as GraphQLInputType;
    if (item.kind === 'ast') {
      const node = item.node;
      if (node.kind === Kind.VARIABLE) {
        if (node.name.value in variables) values.push({ kind: 'js', value: variables[node.name.value], type, path: item.path });
      } else if (isListType(type)) {
        if (node.kind === Kind.LIST)
          node.values.forEach((v, i) => values.push({ kind: 'ast', node: v, type: type.ofType, path: [...item.path, String(i)] }));
        else values.push({ kind: 'ast', node, type: type.ofType, path: item.path });
      } else if (isInputObjectType(type)) {
        if (node.kind !== Kind.OBJECT) continue;
        const fields = type.getFields();
        for (const f of node.fields) {
          const def = fields[f.name.value];
          if (def) values.push({ kind: 'ast', node: f.value, type: def.type, path: [...item.path, f.name.value] });
        }
      } else if (isIdType(type) && (node.kind === Kind.STRING || node.kind === Kind.INT) && !isUuid(node.value)) {
        return item.path.join('.');
      }
    } else {
      const value = item.value;
      if (value === null || value === undefined) continue;
      if (isListType(type)) {
        if (Array.isArray(value))
          value.forEach((v, i) => values.push({ kind: 'js', value: v, type: type.ofType, path: [...item.path, String(i)] }));
        else values.push({ kind: 'js', value, type: type.ofType, path: item.path });
      } else if (isInputObjectType(type)) {
        if (typeof value !== 'object' || Array.isArray(value)) continue;
        const fields = type.getFields();
        for (const [key, v] of Object.entries(value)) {
          if (fields[key]) values.push({ kind: 'js', value: v, type: fields[key].type, path: [...item.path, key] });
        }
      } else if (isIdType(type) && (typeof value === 'string' || typeof value === 'number') && !isUuid(String(value))) {
        return item.path.join('.');
      }
    }
  }
  return undefined;
}

function isIdType(type: GraphQLInputType): boolean {
  return isScalarType(type) && type.name === 'ID';
}
