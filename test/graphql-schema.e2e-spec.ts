import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { buildSchema } from 'graphql';
import { SCHEMA_FILES, servedSdl } from '../apps/api/src/cli/graphql-schemas';
import { startTestApp, TestApp } from './support/test-app';

// The committed SDL files are the API's reviewable record: a change to a resolver or a type that
// does not update them fails here (fix: `npm run schema`, then commit the files).
describe('committed GraphQL schemas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it.each(SCHEMA_FILES)('$file is what $path serves', async ({ path, file }) => {
    const committed = await readFile(join(__dirname, '..', file), 'utf8');
    expect(servedSdl(path)).toBe(committed);
  });

  // the schema files read as documentation: every root field says what it does (and whom it serves)
  it.each(SCHEMA_FILES)('$file describes every Query and Mutation field', ({ path }) => {
    const schema = buildSchema(servedSdl(path));
    const undescribed = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.values(type?.getFields() ?? {})
        .filter((field) => !field.description?.trim())
        .map((field) => `${type!.name}.${field.name}`),
    );
    expect(undescribed).toEqual([]);
  });
});
