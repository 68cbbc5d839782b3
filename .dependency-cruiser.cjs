/**
 * Who may import whom in src/ (README, "Development"). `npm run lint` checks it with dependency-cruiser.
 *
 *   ground     src/platform/            packages, config.ts, logger.ts
 *   modules    src/modules/<domain>/    the ground and each other
 *   realtime   src/realtime/            the ground and the modules
 *   roof       src/api/                 the ground, the modules and realtime
 *   database   src/db/                  the ground and the modules (entities, demo data)
 *   transport  src/http/                everything above but the database folder and the entry points
 *   entry      src/app.ts, src/main.ts  everything
 */
const layer = {
  ground: '^src/platform/',
  modules: '^src/modules/',
  realtime: '^src/realtime/',
  roof: '^src/api/',
  database: '^src/db/',
  transport: '^src/http/',
  entry: '^src/(app|main)\\.ts$',
  settings: '^src/(config|logger)\\.ts$',
};
const not = (...names) => names.map((name) => layer[name]);

module.exports = {
  forbidden: [
    {
      name: 'ground-imports-only-packages',
      comment: 'The ground (src/platform/) imports packages, config and logger only: it is what everything else stands on.',
      severity: 'error',
      from: { path: layer.ground },
      to: { path: '^src/', pathNot: [layer.ground, layer.settings] },
    },
    {
      name: 'settings-import-nothing',
      comment: 'config.ts and logger.ts import packages (and each other) only.',
      severity: 'error',
      from: { path: layer.settings },
      to: { path: '^src/', pathNot: [layer.settings] },
    },
    {
      name: 'modules-stay-below-the-roof',
      comment: 'Domain modules import the ground and each other, never realtime (they signal through platform/live.ts), the roof, the transport, the database composition or the entry points.',
      severity: 'error',
      from: { path: layer.modules },
      to: { path: not('realtime', 'roof', 'database', 'transport', 'entry') },
    },
    {
      name: 'realtime-below-the-roof',
      comment: 'realtime/ builds on the ground and the modules; the roof hands it to resolvers through platform/live.ts.',
      severity: 'error',
      from: { path: layer.realtime },
      to: { path: not('roof', 'database', 'transport', 'entry') },
    },
    {
      name: 'roof-below-the-transport',
      comment: 'The API roof (schema, services, context) knows no transport, database composition or entry point.',
      severity: 'error',
      from: { path: layer.roof },
      to: { path: not('database', 'transport', 'entry') },
    },
    {
      name: 'database-composition-below-the-roof',
      comment: 'src/db/ lists the entities and loads demo data: it imports the ground and the modules only.',
      severity: 'error',
      from: { path: layer.database },
      to: { path: not('realtime', 'roof', 'transport', 'entry') },
    },
    {
      name: 'transport-above-everything-but-the-entry',
      comment: 'http/ serves the roof; it does not reach into the database composition or the entry points.',
      severity: 'error',
      from: { path: layer.transport },
      to: { path: not('database', 'entry') },
    },
    {
      name: 'no-runtime-cycles',
      comment: 'No import cycle that exists at run time (type-only cycles, such as two entities naming each other, are listed as info).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-cycles-between-modules',
      comment: 'A cycle, even of type-only imports, stays inside one module (e.g. an entity and its children).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { circular: true, pathNot: '^src/modules/$1/' },
    },
    {
      name: 'no-cycles-between-folders',
      comment: 'Nor does any other folder take part in a cycle with another.',
      severity: 'error',
      from: { path: '^src/(platform|realtime|api|db|http)/' },
      to: { circular: true, pathNot: '^src/$1/' },
    },
    {
      name: 'type-only-cycle',
      comment: 'Listed, not refused: a type-only cycle inside one folder (entities that name each other). Keep it at five at most.',
      severity: 'info',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
