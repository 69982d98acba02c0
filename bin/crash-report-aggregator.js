#!/usr/bin/env node
// The command's entry: the Node.js line is checked before the bundle is loaded,
// since the bundle fails to link on lines older than 22 (it imports fs.glob).
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(
    `crash-report-aggregator needs Node.js 22 or later; this is Node.js ${process.versions.node}.\n`,
  );
  process.exit(1);
}
await import('../dist/cli.js');
