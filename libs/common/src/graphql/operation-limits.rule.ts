import { ASTVisitor, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../errors/client-errors';
import type { QueryLimits } from './query-limits';

export const VALIDATION_FAILED = ErrorCode.ValidationFailed;

/** Selections walked at most per operation (fragments expanded); past it the operation is refused. */
export const MAX_VALIDATED_SELECTIONS = 50_000;

type Limits = Pick<QueryLimits, 'maxDepth' | 'maxIntrospectionDepth' | 'maxAliases' | 'maxRootFields' | 'maxMutationRootFields'>;

interface Pending {
  selectionSet: SelectionSetNode;
  depth: number;
  introspectionDepth: number;
  root: boolean;
}

/**
 * One validation rule for the shape limits of each operation: field depth, aliases, top-level fields.
 * It walks the selections with an explicit stack and expands fragments where they are spread, so
 * neither a fragment cycle nor a deep document can overflow the stack: a cycle is cut where it passes
 * the depth limit (NoFragmentCyclesRule reports the cycle itself), and a document that expands to more
 * than MAX_VALIDATED_SELECTIONS selections is refused. Errors carry GRAPHQL_VALIDATION_FAILED.
 */
export function operationLimitsRule(limits: Limits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      for (const message of measure(context, operation, limits)) {
        context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { code: VALIDATION_FAILED } }));
      }
      return false;
    },
  });
}

function measure(context: ValidationContext, operation: OperationDefinitionNode, limits: Limits): string[] {
  const stack: Pending[] = [{ selectionSet: operation.selectionSet, depth: 0, introspectionDepth: 0, root: true }];
  let maxDepth = 0;
  let maxIntrospectionDepth = 0;
  let aliases = 0;
  let rootFields = 0;
  let walked = 0;
  while (stack.length > 0) {
    const { selectionSet, depth, introspectionDepth, root } = stack.pop()!;
    for (const selection of selectionSet.selections) {
      if (++walked > MAX_VALIDATED_SELECTIONS) {
        return [`The operation expands to more than ${MAX_VALIDATED_SELECTIONS} selections: it is refused`];
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push({ selectionSet: selection.selectionSet, depth, introspectionDepth, root });
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = context.getFragment(selection.name.value);
        // an unknown fragment is KnownFragmentNamesRule's error
        if (fragment) stack.push({ selectionSet: fragment.selectionSet, depth, introspectionDepth, root });
        continue;
      }
      if (selection.alias) aliases++;
      const introspection = introspectionDepth > 0 || selection.name.value.startsWith('__');
      if (root && selection.name.value !== '__typename') rootFields++;
      const fieldDepth = introspection ? depth : depth + 1;
      const fieldIntrospectionDepth = introspection ? introspectionDepth + 1 : 0;
      maxDepth = Math.max(maxDepth, fieldDepth);
      maxIntrospectionDepth = Math.max(maxIntrospectionDepth, fieldIntrospectionDepth);
      // deeper than the limit is already an error: no need to walk further (this also ends fragment cycles)
      const tooDeep = fieldDepth > limits.maxDepth || fieldIntrospectionDepth > limits.maxIntrospectionDepth;
      if (selection.selectionSet && !tooDeep) {
        stack.push({ selectionSet: selection.selectionSet, depth: fieldDepth, introspectionDepth: fieldIntrospectionDepth, root: false });
      }
    }
  }
  const name = operation.name ? `'${operation.name.value}'` : 'The operation';
  const errors: string[] = [];
  if (maxDepth > limits.maxDepth) errors.push(`${name} exceeds maximum operation depth of ${limits.maxDepth}`);
  if (maxIntrospectionDepth > limits.maxIntrospectionDepth) {
    errors.push(`${name} exceeds maximum introspection depth of ${limits.maxIntrospectionDepth}`);
  }
  if (aliases > limits.maxAliases) errors.push(`${name} has ${aliases} aliases; at most ${limits.maxAliases} are allowed`);
  const maxRoot = operation.operation === 'mutation' ? limits.maxMutationRootFields : limits.maxRootFields;
  if (rootFields > maxRoot) {
    errors.push(`${name} has ${rootFields} top-level fields; a ${operation.operation} may have at most ${maxRoot}`);
  }
  return errors;
}
