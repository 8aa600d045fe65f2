// Reads the models of prisma/schema.prisma and their relation fields (field → target model), enough
// for the boundary scan to follow `include`, `select`, `where` and nested writes from one model to another.
import { readFileSync } from 'node:fs';

/** @returns {Map<string, Map<string, string>>} model name → (relation field → target model) */
export function readPrismaModels(schemaPath) {
  const text = readFileSync(schemaPath, 'utf8');
  const blocks = [...text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const names = new Set(blocks.map((block) => block[1]));
  const models = new Map();
  for (const [, name, body] of blocks) {
    const relations = new Map();
    for (const line of body.split('\n')) {
      const field = line.trim().match(/^(\w+)\s+(\w+)(\[\])?\??/);
      if (field && names.has(field[2])) relations.set(field[1], field[2]);
    }
    models.set(name, relations);
  }
  return models;
}

export const delegateName = (model) => model[0].toLowerCase() + model.slice(1);
