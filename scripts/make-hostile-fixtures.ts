// Writes test/fixtures/hostile/: one input per case, and cases.json with what
// each must produce. Run after changing a case; the files are committed.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import type { AsyncZipOptions, Zippable } from 'fflate';
import { VALID_SUMMARY } from '../test/fixtures/valid-summary.ts';
import { patchZip, symlinkZip } from '../test/fixtures/zip-tools.ts';

const dir = new URL('../test/fixtures/hostile/', import.meta.url);

/** Archives with a fixed time stamp, so regenerating gives the same bytes. */
const fixedZip = (files: Zippable, options: AsyncZipOptions = {}) =>
  zipSync(files, { mtime: '2026-01-01T00:00:00Z', ...options });

interface Expected {
  accepted?: number;
  rejected?: Record<string, number>;
  privacy?: Record<string, number>;
  skipped?: Record<string, number>;
  duplicates?: number;
  outsideWindow?: number;
}

let serial = 0;
/** A valid summary; each call gets its own session_id. The test evaluates as of 2026-03-02. */
function valid(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    ...VALID_SUMMARY,
    session_id: `5d0c7a1e-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    ...overrides,
  };
}
const line = (value: unknown) => JSON.stringify(value);
const jsonl = (...values: unknown[]) => values.map(line).join('\n') + '\n';

const cases: [string, string | Uint8Array | Record<string, Uint8Array>, Expected, string][] = [];
const add = (
  file: string,
  content: string | Uint8Array | Record<string, Uint8Array>,
  expected: Expected,
  why: string,
) => cases.push([file, content, expected, why]);
const privacy = (field: string, value: unknown, key: string, rule: string, why: string, file: string) =>
  add(
    file,
    jsonl(
      valid({ ...(field === '*' ? { [key]: value } : {}), ...(field !== '*' ? setPath(field, value) : {}) }),
      valid(),
    ),
    {
      accepted: 1,
      rejected: { privacy: 1 },
      privacy: { [`${field === '*' ? '/*' : '/' + field.replace(/\./g, '/')} ${rule}`]: 1 },
    },
    why,
  );

function setPath(path: string, value: unknown): Record<string, unknown> {
  const base = valid();
  serial -= 1;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (!tail) return { [head]: value };
  return { [head]: { ...(base[head] as Record<string, unknown>), [tail]: value } };
}

// Well-formed input.
add('valid-object.json', JSON.stringify(valid()), { accepted: 1 }, 'one summary as a JSON object');
add('valid-array.json', JSON.stringify([valid(), valid(), valid()]), { accepted: 3 }, 'summaries as a JSON array');
add(
  'valid-bom.jsonl',
  new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(jsonl(valid()))]),
  { accepted: 1 },
  'a UTF-8 byte order mark is tolerated',
);
add('valid-crlf.ndjson', jsonl(valid(), valid()).replace(/\n/g, '\r\n'), { accepted: 2 }, 'CRLF line ends');
add(
  'valid-markdown-in-version.jsonl',
  jsonl(valid({ app: { name: 'octo-cli', version: '2.4.0-rc.1+build_7' } })),
  { accepted: 1 },
  'the most a version may carry; escaped when rendered',
);

// Encoding and syntax.
add(
  'bad-utf8.jsonl',
  new Uint8Array([...strToU8('{"schema_version":1,"x":"'), 0xc3, 0x28, ...strToU8('"}\n')]),
  { rejected: { 'not-utf8': 1 } },
  'invalid UTF-8 sequence',
);
add(
  'utf16.json',
  new Uint8Array([0xff, 0xfe, ...Array.from(strToU8(JSON.stringify(valid()))).flatMap((byte) => [byte, 0])]),
  { rejected: { 'not-utf8': 1 } },
  'UTF-16 is not accepted',
);
add(
  'truncated.json',
  JSON.stringify(valid()).slice(0, 60),
  { rejected: { 'invalid-json': 1 } },
  'a file cut off mid-record',
);
add('empty.json', '', { rejected: { 'invalid-json': 1 } }, 'an empty .json file');
add('empty.jsonl', '', {}, 'an empty NDJSON file has no records');
add(
  'mixed-lines.jsonl',
  `${line(valid())}\n{"schema_version": 1,\n${line(valid())}\n`,
  { accepted: 2, rejected: { 'invalid-json': 1 } },
  'a bad line does not hide the good ones',
);
add(
  'huge-line.jsonl',
  `${line(valid({ padding: 'x'.repeat(100_000) }))}\n${line(valid())}\n`,
  { accepted: 1, rejected: { 'record-too-large': 1 } },
  'a line over 64 KiB',
);
add(
  'huge-object.json',
  JSON.stringify(valid({ padding: 'y'.repeat(70_000) })),
  { rejected: { 'record-too-large': 1 } },
  'a single object over 64 KiB',
);
add(
  'deep-array.jsonl',
  `${'['.repeat(5000)}${']'.repeat(5000)}\n${line(valid())}\n`,
  { accepted: 1, rejected: { 'record-too-deep': 1 } },
  'nesting that would exhaust a recursive parser',
);
add(
  'deep-object.json',
  `${'{"a":'.repeat(20)}1${'}'.repeat(20)}`,
  { rejected: { 'record-too-deep': 1 } },
  'an object nested 20 deep',
);
add(
  'junk-array.json',
  JSON.stringify([1, 'x', null, valid()]),
  { accepted: 1, rejected: { 'not-an-object': 3 } },
  'non-objects inside an array',
);
add('null.jsonl', 'null\n42\n"text"\n[]\n', { rejected: { 'not-an-object': 4 } }, 'JSON values that are not objects');

// Prototype keys.
add(
  'proto-top.jsonl',
  `{"__proto__": {"polluted": true}, ${line(valid()).slice(1)}\n`,
  { rejected: { 'schema:/:additionalProperties': 1 } },
  '__proto__ as a top-level key',
);
add(
  'proto-error-kind.jsonl',
  line(valid()).replace('"KeyError"', '"__proto__"') + '\n',
  { rejected: { 'schema:/error_kinds:not': 1 } },
  '__proto__ as an error kind',
);
add(
  'constructor-error-kind.jsonl',
  line(valid()).replace('"KeyError"', '"constructor"') + '\n',
  { rejected: { 'schema:/error_kinds:not': 1 } },
  'constructor as an error kind',
);
add(
  'prototype-error-kind.jsonl',
  line(valid()).replace('"KeyError"', '"prototype"') + '\n',
  { rejected: { 'schema:/error_kinds:not': 1 } },
  'prototype as an error kind',
);

// Types and values.
add(
  'string-count.jsonl',
  jsonl(valid({ log_lines: '100' })),
  { rejected: { 'schema:/log_lines:type': 1 } },
  'a count as a string',
);
add(
  'negative-count.jsonl',
  jsonl(valid({ error_lines: -1 })),
  { rejected: { 'schema:/error_lines:minimum': 1 } },
  'a negative count',
);
add(
  'float-count.jsonl',
  jsonl(valid({ log_lines: 10.5 })),
  { rejected: { 'schema:/log_lines:type': 1 } },
  'a fractional count',
);
add(
  'missing-session-id.jsonl',
  jsonl({ ...valid(), session_id: undefined }),
  { rejected: { 'schema:/:required': 1 } },
  'no session_id',
);
add(
  'unknown-platform.jsonl',
  jsonl(valid({ os: { platform: 'plan9' } })),
  { rejected: { 'schema:/os/platform:enum': 1 } },
  'an OS outside the list',
);
add(
  'long-name.jsonl',
  jsonl(valid({ app: { name: 'a'.repeat(200), version: '1' } })),
  { rejected: { 'schema:/app/name:maxLength': 1 } },
  'a 200-character name',
);
add(
  'control-char-version.jsonl',
  jsonl(valid({ app: { name: 'octo-cli', version: '1.0\u0000' } })),
  { rejected: { 'schema:/app/version:pattern': 1 } },
  'a NUL byte in a version',
);
add(
  'too-many-error-kinds.jsonl',
  jsonl(valid({ error_kinds: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Error${i}`, 1])) })),
  { rejected: { 'schema:/error_kinds:maxProperties': 1 } },
  '40 error kinds',
);
add(
  'message-as-error-kind.jsonl',
  jsonl(valid({ error_kinds: { 'file not found: secrets.txt': 1 } })),
  { rejected: { 'schema:/error_kinds:pattern': 1 } },
  'a message where a class name belongs',
);
add(
  'error-lines-exceed.jsonl',
  jsonl(valid({ error_lines: 101 })),
  { rejected: { 'error-lines-exceed-log-lines': 1 } },
  'more error lines than lines',
);
add(
  'future.jsonl',
  jsonl(valid({ started_at: '2026-03-05T00:00:00Z', ended_at: '2026-03-05T00:01:00Z' })),
  { rejected: { 'started-in-future': 1 } },
  'a session that starts after the run',
);
add(
  'inverted.jsonl',
  jsonl(valid({ ended_at: '2026-03-01T09:00:00Z' })),
  { rejected: { 'ended-before-started': 1 } },
  'an end before the start',
);
add(
  'impossible-date.jsonl',
  jsonl(valid({ started_at: '2026-02-30T10:00:00Z' })),
  { rejected: { 'schema:/started_at:format': 1 } },
  'February 30th',
);
add(
  'old.jsonl',
  jsonl(valid({ started_at: '2025-01-01T10:00:00Z', ended_at: '2025-01-01T10:01:00Z' })),
  { outsideWindow: 1 },
  'a session before the window is not a rejection',
);
{
  const twice = valid();
  add(
    'duplicate-ids.jsonl',
    jsonl(twice, { ...twice, session_id: String(twice['session_id']).toUpperCase() }),
    { accepted: 1, duplicates: 1 },
    'the same session twice, in another case',
  );
}

// Markdown and HTML injection: every string field is patterned, so none gets through.
add(
  'inject-name-mention.jsonl',
  jsonl(valid({ app: { name: '@octocat', version: '1' } })),
  { rejected: { 'schema:/app/name:pattern': 1 } },
  'a mention as the app name',
);
add(
  'inject-version-html.jsonl',
  jsonl(valid({ os: { platform: 'linux', version: '<img src=x onerror=alert(1)>' } })),
  { rejected: { 'schema:/os/version:pattern': 1 } },
  'HTML as the OS version',
);
add(
  'inject-runtime-link.jsonl',
  jsonl(valid({ runtime: { name: '[click](https:', version: '1' } })),
  { rejected: { 'schema:/runtime/name:pattern': 1 } },
  'a link as the runtime name',
);
add(
  'inject-ci-reference.jsonl',
  jsonl(valid({ ci: '#123' })),
  { rejected: { 'schema:/ci:pattern': 1 } },
  'an issue reference as the CI name',
);
add(
  'inject-error-kind-backtick.jsonl',
  jsonl(valid({ error_kinds: { '`rm`': 1 } })),
  { rejected: { 'schema:/error_kinds:pattern': 1 } },
  'backticks in an error kind',
);
add(
  'inject-runtime-version-pipe.jsonl',
  jsonl(valid({ runtime: { name: 'python', version: '3|x' } })),
  { rejected: { 'schema:/runtime/version:pattern': 1 } },
  'a table pipe in a version',
);

// Private data.
privacy('*', 'jane.doe@example.org', 'contact', 'email', 'an e-mail address in an extra field', 'pii-email.jsonl');
privacy('os.version', '192.168.10.4', '', 'ipv4', 'an IPv4 address posing as an OS version', 'pii-ipv4.jsonl');
privacy('*', 'fe80::1ff:fe23:4567:890a', 'addr', 'ipv6', 'an IPv6 address', 'pii-ipv6.jsonl');
privacy(
  '*',
  'https://deploy:hunter2@git.example.com/repo',
  'remote',
  'url-credentials',
  'a URL with credentials',
  'pii-url-credentials.jsonl',
);
privacy(
  'app.name',
  'github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
  '',
  'github-token',
  'a fine-grained GitHub token as the app name',
  'pii-github-pat.jsonl',
);
privacy(
  '*',
  'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  'token',
  'github-token',
  'a classic GitHub token',
  'pii-github-token.jsonl',
);
privacy(
  'runtime.version',
  'AKIAIOSFODNN7EXAMPLE',
  '',
  'aws-key',
  'an AWS access key as a runtime version',
  'pii-aws.jsonl',
);
privacy('*', 'xoxb-123456789012-abcdefghijkl', 'slack', 'slack-token', 'a Slack token', 'pii-slack.jsonl');
privacy(
  'app.version',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N',
  '',
  'jwt',
  'a JWT posing as a version',
  'pii-jwt.jsonl',
);
privacy('*', 'Authorization: Bearer abcdef0123456789', 'header', 'bearer-token', 'a bearer token', 'pii-bearer.jsonl');
privacy('*', '-----BEGIN RSA PRIVATE KEY-----\nMIIB', 'key', 'pem-block', 'a PEM private key', 'pii-pem.jsonl');
privacy('*', '/home/alice/projects/octo', 'cwd', 'home-path', 'a Linux home directory', 'pii-home-linux.jsonl');
privacy('*', 'C:\\Users\\bob\\AppData', 'cwd', 'home-path', 'a Windows home directory', 'pii-home-windows.jsonl');
add(
  'pii-error-kind-key.jsonl',
  jsonl(valid({ error_kinds: { ghp_0123456789abcdefghijABCDEFGHIJ012345: 1 } })),
  { rejected: { privacy: 1 }, privacy: { '/error_kinds/* github-token': 1 } },
  'a token as an error kind name',
);

// Archives.
const ok = strToU8(jsonl(valid()));
add(
  'zip-valid.zip',
  fixedZip({ 'a.jsonl': ok, 'b/c.json': strToU8(JSON.stringify([valid(), valid()])) }),
  { accepted: 3 },
  'a zipped artifact',
);
add(
  'zip-bomb.zip',
  fixedZip({ 'bomb.jsonl': new Uint8Array(200 * 1024 * 1024) }, { level: 9 }),
  { skipped: { 'zip-bomb': 1 } },
  '200 MiB of zeros in 200 KiB',
);
add(
  'zip-slip.zip',
  fixedZip({ '../../evil.jsonl': ok, 'ok.jsonl': strToU8(jsonl(valid())) }),
  { accepted: 1, skipped: { 'zip-unsafe-entry-name': 1 } },
  'an entry that climbs out of the folder',
);
add(
  'zip-absolute.zip',
  fixedZip({ '/etc/cron.d/x.jsonl': ok }),
  { skipped: { 'zip-unsafe-entry-name': 1 } },
  'an absolute entry name',
);
add(
  'zip-backslash.zip',
  fixedZip({ '..\\..\\evil.jsonl': ok }),
  { skipped: { 'zip-unsafe-entry-name': 1 } },
  'a Windows path in an entry name',
);
add(
  'zip-symlink.zip',
  symlinkZip('link.jsonl', '/etc/passwd'),
  { skipped: { 'zip-symlink': 1 } },
  'a symbolic link entry',
);
add(
  'zip-nested.zip',
  fixedZip({ 'inner.zip': fixedZip({ 'a.jsonl': ok }) }),
  { skipped: { 'zip-nested-archive': 1 } },
  'an archive inside the archive',
);
add('zip-empty.zip', fixedZip({}), {}, 'an archive with no entries');
{
  const zip = fixedZip({ 'a.jsonl': strToU8(jsonl(valid(), valid())) });
  add('zip-truncated.zip', zip.subarray(0, zip.length - 30), { skipped: { 'zip-invalid': 1 } }, 'an archive cut off');
}
add('zip-not-a-zip.zip', 'PK but not really', { skipped: { 'zip-invalid': 1 } }, 'text with a .zip name');
add(
  'zip-size-lie.zip',
  patchZip(
    fixedZip({ 'a.jsonl': strToU8(jsonl(valid())), 'b.jsonl': strToU8(jsonl(valid(), valid(), valid())) }),
    'b.jsonl',
    { uncompressedSize: 100 },
  ),
  { accepted: 1, skipped: { 'zip-size-mismatch': 1 } },
  'an entry that inflates to more than it declares',
);
add(
  'zip-other-files.zip',
  fixedZip({ 'readme.md': strToU8('# hi'), 'run.sh': strToU8('rm -rf /'), 'a.jsonl': ok }),
  { accepted: 1, skipped: { 'unsupported-file-type': 2 } },
  'non-record files are not read',
);
{
  const shared = valid();
  add(
    'duplicates-across-artifacts',
    {
      'artifact-1.zip': fixedZip({ 's.jsonl': strToU8(jsonl(shared, valid())) }),
      'artifact-2.zip': fixedZip({ 's.jsonl': strToU8(jsonl(shared)) }),
    },
    { accepted: 2, duplicates: 1 },
    'a re-run job re-uploads the same session in another artifact',
  );
}

await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const manifest: Record<string, Expected & { why: string }> = {};
for (const [file, content, expected, why] of cases) {
  if (content instanceof Uint8Array || typeof content === 'string') {
    await writeFile(new URL(file, dir), content);
  } else {
    await mkdir(new URL(`${file}/`, dir), { recursive: true });
    for (const [name, bytes] of Object.entries(content)) await writeFile(new URL(`${file}/${name}`, dir), bytes);
  }
  manifest[file] = { why, ...expected };
}
await writeFile(new URL('cases.json', dir), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${cases.length} hostile cases`);
