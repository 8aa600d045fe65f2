// Finds every Prisma model a source file reads or writes: delegate calls (`tx.order.update(…)`),
// relations followed inside their arguments (`include`, `select`, `where`, nested writes), typed
// argument objects (`{…} satisfies Prisma.OrderInclude`) and table names in raw SQL (`UPDATE "Order"`).
// Syntactic only (no type checker), so it is fast and sees the code as a reviewer reads it.
import ts from 'typescript';
import { delegateName } from './prisma-schema.mjs';

const READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy']);
const WRITES = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);
const NESTED_WRITES = new Set(['create', 'createMany', 'connectOrCreate', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany']);
const WHERE_OPERATORS = new Set(['some', 'every', 'none', 'is', 'isNot']);
const TYPED_ARGUMENT =
  /^Prisma\.(\w+?)(Include|Select|WhereInput|WhereUniqueInput|OrderByWithRelationInput|CreateInput|UncheckedCreateInput|UpdateInput|UncheckedUpdateInput)$/;
const SQL_TABLE = /"([A-Z]\w*)"/g;
const SQL_WRITE_BEFORE = /(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+$/i;

/**
 * @param {string} fileName
 * @param {string} text
 * @param {Map<string, Map<string, string>>} models
 * @returns {{ model: string, access: 'read' | 'write', line: number }[]}
 */
export function scanSource(fileName, text, models) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const byDelegate = new Map([...models.keys()].map((model) => [delegateName(model), model]));
  const usages = [];
  const record = (model, access, node) =>
    usages.push({ model, access, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });

  const unwrap = (node) => {
    while (
      node &&
      (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node))
    )
      node = node.expression;
    if (node && ts.isIdentifier(node)) return resolveConst(node) ?? node;
    return node;
  };
  const resolveConst = (identifier) => {
    let found;
    const visit = (node) => {
      if (found) return;
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === identifier.text &&
        node.initializer &&
        node.getStart(source) < identifier.getStart(source)
      )
        found = node.initializer;
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found ? unwrap(found) : undefined;
  };
  const propertiesOf = (node) => {
    node = unwrap(node);
    if (!node) return [];
    if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap(propertiesOf);
    if (!ts.isObjectLiteralExpression(node)) return [];
    return node.properties.flatMap((property) => {
      if (ts.isSpreadAssignment(property)) return propertiesOf(property.expression);
      if (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) {
        const name =
          property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
        const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
        return name ? [{ name, value, node: property }] : [];
      }
      return [];
    });
  };
  const eachElement = (node, fn) => {
    node = unwrap(node);
    if (node && ts.isArrayLiteralExpression(node)) node.elements.forEach((element) => fn(element));
    else if (node) fn(node);
  };

  // `include` / `select`: every relation key reads its target, and may nest further arguments
  const walkSelection = (node, model) => {
    for (const { name, value, node: at } of propertiesOf(node)) {
      if (name === '_count') {
        walkSelection(propertiesOf(value).find((p) => p.name === 'select')?.value, model);
        continue;
      }
      const target = models.get(model)?.get(name);
      if (!target) continue;
      record(target, 'read', at);
      walkArguments(value, target, 'read');
    }
  };
  const walkWhere = (node, model) => {
    eachElement(node, (element) => {
      for (const { name, value, node: at } of propertiesOf(element)) {
        if (name === 'AND' || name === 'OR' || name === 'NOT') {
          walkWhere(value, model);
          continue;
        }
        const target = models.get(model)?.get(name);
        if (!target) continue;
        record(target, 'read', at);
        const inner = propertiesOf(value);
        if (inner.some((p) => WHERE_OPERATORS.has(p.name)))
          inner.filter((p) => WHERE_OPERATORS.has(p.name)).forEach((p) => walkWhere(p.value, target));
        else walkWhere(value, target);
      }
    });
  };
  const walkData = (node, model) => {
    eachElement(node, (element) => {
      for (const { name, value } of propertiesOf(element)) {
        const target = models.get(model)?.get(name);
        if (!target) continue;
        for (const nested of propertiesOf(value)) {
          if (!NESTED_WRITES.has(nested.name)) continue; // connect / set / disconnect only reference the row
          record(target, 'write', nested.node);
          eachElement(nested.value, (item) => {
            const parts = propertiesOf(item);
            const data = parts.find((p) => p.name === 'data' || p.name === 'create' || p.name === 'update');
            walkData(data ? data.value : item, target);
            for (const p of parts) if (p.name === 'create' || p.name === 'update') walkData(p.value, target);
          });
        }
      }
    });
  };
  const walkArguments = (node, model, access) => {
    for (const { name, value } of propertiesOf(node)) {
      if (name === 'include' || name === 'select') walkSelection(value, model);
      else if (name === 'where') walkWhere(value, model);
      else if (name === 'orderBy') walkSelection(value, model);
      else if ((name === 'data' || name === 'create' || name === 'update') && access === 'write') walkData(value, model);
    }
  };
  const scanSql = (node) => {
    const parts =
      ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)
        ? [node.text]
        : [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    for (const part of parts) {
      for (const match of part.matchAll(SQL_TABLE)) {
        if (!models.has(match[1])) continue;
        record(match[1], SQL_WRITE_BEFORE.test(part.slice(0, match.index)) ? 'write' : 'read', node);
      }
    }
  };

  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isPropertyAccessExpression(node.expression.expression)
    ) {
      const method = node.expression.name.text;
      const model = byDelegate.get(node.expression.expression.name.text);
      if (model && (READS.has(method) || WRITES.has(method))) {
        const access = WRITES.has(method) ? 'write' : 'read';
        record(model, access, node);
        if (node.arguments[0]) walkArguments(node.arguments[0], model, access);
      }
    }
    if ((ts.isVariableDeclaration(node) && node.type && node.initializer) || ts.isSatisfiesExpression(node)) {
      const typeNode = ts.isSatisfiesExpression(node) ? node.type : node.type;
      const typed = typeNode.getText(source).match(TYPED_ARGUMENT);
      const value = ts.isSatisfiesExpression(node) ? node.expression : node.initializer;
      if (typed && models.has(typed[1])) {
        const kind = typed[2];
        if (kind === 'Include' || kind === 'Select' || kind === 'OrderByWithRelationInput') walkSelection(value, typed[1]);
        else if (kind.startsWith('Where')) walkWhere(value, typed[1]);
        else walkData(value, typed[1]);
      }
    }
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isStringLiteral(node)) scanSql(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return usages;
}
