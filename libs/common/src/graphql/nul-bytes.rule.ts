import { ASTNode, ASTVisitor, GraphQLError, Kind, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../errors/client-errors';

/**
 * A string literal holding a NUL character (`"\u0000"`) is BAD_USER_INPUT naming the argument path:
 * PostgreSQL refuses NUL in text, so it would otherwise fail deep in a write. (Variables are checked
 * before parsing, see `limitsPlugin`.)
 */
export const nulBytesRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  StringValue(node, _key, parent, _path, ancestors) {
    if (!node.value.includes('\u0000')) return;
    const path = argumentPath([...ancestors, ...(parent ? [parent] : [])]);
    const message = 'must not contain NUL characters (\\u0000)';
    context.reportError(
      new GraphQLError(`${path}: ${message}`, { nodes: [node], extensions: { code: ErrorCode.BadUserInput, fields: [{ path, message }] } }),
    );
  },
});

function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
  }
  return names.join('.') || 'value';
}
