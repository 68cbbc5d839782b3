import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { schemaSdl } from '../schema.js';

/** `npm run schema:emit`: writes the SDL of the code's schema to `schema.graphql` at the top of the project. */
const target = fileURLToPath(new URL('../../../../schema.graphql', import.meta.url));
await writeFile(target, await schemaSdl());
console.log(`wrote ${target}`);
