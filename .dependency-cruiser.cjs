// The direction of src/: each stage imports only from the stages below it, never
// from one after it, and no module imports itself back through others.
// `npm run lint:deps` (part of `npm test`) checks it.

/** Stages from the bottom up; a module may import from its own stage and those before it. */
const STAGES = [
  ['limits', 'github-client', 'uuid', 'types'],
  ['sources'],
  // Generated code and the record logic that uses it and that it uses.
  ['records', 'generated'],
  ['intake'],
  ['state'],
  ['settings'],
  ['aggregate'],
  ['problems'],
  ['history'],
  ['render'],
  ['trackers'],
  ['report', 'partial'],
  ['run', 'producer', 'main', 'cli', 'index', 'lib', 'intake-worker', 'run-triage'],
];

const path = (name) => `^src/${name}(/|\\.ts$)`;
const forbidden = STAGES.flatMap((stage, rank) => {
  const later = STAGES.slice(rank + 1).flat();
  if (later.length === 0) return [];
  return [
    {
      name: `stage-${rank}-imports-later`,
      comment: `${stage.join(', ')} must not import a later stage (${later.join(', ')})`,
      severity: 'error',
      from: { path: stage.map(path).join('|') },
      to: { path: later.map(path).join('|') },
    },
  ];
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import cycle', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'records, aggregate, problems, history and render take the clock, files and network as parameters',
      from: { path: '^src/(records|aggregate|problems|history|render)/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|http|https|child_process|worker_threads)$' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'a module nothing imports',
      from: { orphan: true, path: '^src/', pathNot: '^src/(index|cli|lib|intake-worker)\\.ts$|\\.d\\.ts$' },
      to: {},
    },
    ...forbidden,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|test|scripts|node_modules)/' },
  },
};
