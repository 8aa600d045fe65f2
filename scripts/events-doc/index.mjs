#!/usr/bin/env node
// docs/events.md from the event catalogue (libs/events/src/catalogue).
//
//   npm run docs:events              write docs/events.md
//   npm run docs:events -- --check   exit 1 when docs/events.md is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import render from './render-events-doc.cjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const target = join(root, 'docs/events.md');
const page = render.renderEventsDoc(root);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== page) {
    console.error('docs/events.md is stale: run `npm run docs:events`');
    process.exit(1);
  }
  console.log('docs/events.md is up to date');
} else {
  writeFileSync(target, page);
  console.log('wrote docs/events.md');
}
