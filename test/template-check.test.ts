import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUnknownField } from '../src/render/template-check.ts';

const sample = {
  group: { label: 'x', fields: [{ name: 'a', value: 'b' }] },
  runs: [{ id: 1 }],
  figures: { errorRate: 0.1 },
};
const helpers = new Set(['percent', 'if', 'each', 'unless', 'with']);
const check = (source: string) => findUnknownField(source, sample, helpers);

test('known fields, helpers, block scopes, parent paths and data variables pass', () => {
  assert.equal(check('{{group.label}} {{percent figures.errorRate}}'), null);
  assert.equal(
    check(
      '{{#each group.fields}}{{name}}={{value}} {{@index}} {{../group.label}} {{@root.figures.errorRate}}{{/each}}',
    ),
    null,
  );
  assert.equal(check('{{#if runs.length}}{{#each runs}}{{id}}{{/each}}{{else}}none{{/if}}'), null);
  assert.equal(check('{{#with group}}{{label}}{{/with}}'), null);
});

test('unknown fields are reported with their line, wherever they are used', () => {
  assert.equal(check('ok\n{{group.lable}}'), 'unknown field "group.lable" at line 2, column 3');
  assert.equal(check('{{#if figures.crashes}}x{{/if}}'), 'unknown field "figures.crashes" at line 1, column 7');
  assert.equal(check('{{percent figures.rate}}'), 'unknown field "figures.rate" at line 1, column 11');
  assert.equal(check('{{#each runs}}\n\n  {{url}}{{/each}}'), 'unknown field "url" at line 3, column 5');
  assert.equal(check('{{#each group.fields}}{{../label}}{{/each}}'), 'unknown field "../label" at line 1, column 25');
  assert.equal(check('{{group.constructor}}'), 'unknown field "group.constructor" at line 1, column 3');
  assert.equal(check('{{@root.nope}}'), 'unknown field "@root.nope" at line 1, column 3');
});
