/**
 * Nesting checks that run before anything recursive sees the input: graphql's parser, validation and
 * variable coercion recurse once per level, so a 3,000-deep list literal or variable would overflow
 * the stack. Both scans are loops.
 */

/** The deepest bracket nesting (`[`, `{`, `(`) of a GraphQL document, outside strings and comments. */
export function documentNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (char === '"') {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < source.length && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < source.length && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      }
    } else if (char === '[' || char === '{' || char === '(') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === ']' || char === '}' || char === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** The deepest nesting of arrays and objects in a JSON value (a scalar is 0), or Infinity past `stopAt`. */
export function valueNesting(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > stopAt) return Infinity;
    if (level > deepest) deepest = level;
    const children = Array.isArray(current) ? current : Object.values(current as object);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push({ value: child, depth: level });
  }
  return deepest;
}

/** Whether any string in a JSON value (keys included) holds a NUL character, which PostgreSQL refuses. */
export function findNul(value: unknown, path: string[] = []): string[] | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path }];
  while (stack.length > 0) {
    const { value: current, path: at } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return at;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current as object)) {
      if (key.includes('\u0000')) return [...at, key];
      stack.push({ value: child, path: [...at, key] });
    }
  }
  return undefined;
}
