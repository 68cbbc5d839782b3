// The web app's GraphQL operations as it sends them: `web/src/api/operations*.ts` compiled on the fly (type
// annotations stripped by TypeScript), evaluated with gql.tada as the app does, and printed by graphql-js
// as urql prints them. A benchmark thus sends the app's real queries, not copies that could drift.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { print } from 'graphql';
import ts from 'typescript';
import { root } from './lib.mjs';

/** Every operation of the web app by its export name (e.g. `BranchFeedQuery`): the printed document. */
export async function webOperations() {
  const out = join(root, 'node_modules', '.cache', `bench-web-operations-${process.pid}`);
  mkdirSync(join(out, 'api'), { recursive: true });
  try {
    const compile = (from, to) => {
      const source = readFileSync(join(root, 'web/src', from), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      // Imports of `../graphql` (with or without `.js`) point at the compiled twin.
      writeFileSync(join(out, to), outputText.replace(/from '\.\.\/graphql(\.js)?'/g, "from '../graphql.mjs'"));
    };
    compile('graphql.ts', 'graphql.mjs');
    const modules = readdirSync(join(root, 'web/src/api')).filter((name) => /^operations.*\.ts$/.test(name));
    const operations = {};
    for (const name of modules) {
      const target = `api/${name.replace(/\.ts$/, '.mjs')}`;
      compile(`api/${name}`, target);
      const module = await import(pathToFileURL(join(out, target)).href);
      for (const [exported, value] of Object.entries(module)) {
        if (value?.kind === 'Document' && value.definitions.some((d) => d.kind === 'OperationDefinition')) operations[exported] = print(value);
      }
    }
    return operations;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
