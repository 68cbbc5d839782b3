import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from '../src/api/schema.js';

describe('schema.graphql', () => {
  it('is exactly the schema the code builds (run `npm run schema:emit` after changing the API)', async () => {
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(await schemaSdl()).toBe(committed);
  });
});
