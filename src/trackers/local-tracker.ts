// Issues as Markdown files in a folder, so the whole product runs with no account.
// Each file has a small header (one JSON value per key) and the issue body.

import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssueDraft, IssueTracker, TrackedIssue } from './issue-tracker.ts';

const FILE_PATTERN = /^issue-(\d+)\.md$/;

function fileName(number: number): string {
  return `issue-${String(number).padStart(4, '0')}.md`;
}

export function formatIssueFile(issue: TrackedIssue): string {
  const header = [
    '---',
    `number: ${JSON.stringify(issue.number)}`,
    `title: ${JSON.stringify(issue.title)}`,
    `state: ${JSON.stringify(issue.state)}`,
    `state_reason: ${JSON.stringify(issue.stateReason)}`,
    `labels: ${JSON.stringify(issue.labels)}`,
    '---',
    '',
  ];
  return `${header.join('\n')}${issue.body}\n`;
}

export function parseIssueFile(text: string, path: string): TrackedIssue | null {
  const match = /^---\n([\s\S]*?)\n---\n\n?/.exec(text.replace(/\r\n/g, '\n'));
  if (!match) return null;
  const fields = new Map<string, unknown>();
  for (const line of match[1]!.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      fields.set(line.slice(0, colon).trim(), JSON.parse(line.slice(colon + 1)));
    } catch {
      return null;
    }
  }
  const number = fields.get('number');
  const title = fields.get('title');
  const state = fields.get('state');
  const labels = fields.get('labels');
  const stateReason = fields.get('state_reason');
  if (typeof number !== 'number' || typeof title !== 'string' || (state !== 'open' && state !== 'closed')) return null;
  return {
    number,
    title,
    state,
    stateReason: typeof stateReason === 'string' ? stateReason : null,
    labels: Array.isArray(labels) ? labels.filter((label): label is string => typeof label === 'string') : [],
    body: text.replace(/\r\n/g, '\n').slice(match[0].length).replace(/\n$/, ''),
    url: path,
  };
}

export function createLocalTracker(folder: string): IssueTracker {
  async function all(): Promise<TrackedIssue[]> {
    const names = await readdir(folder).catch(() => [] as string[]);
    const issues: TrackedIssue[] = [];
    for (const name of names.filter((entry) => FILE_PATTERN.test(entry)).sort()) {
      const path = join(folder, name);
      const issue = parseIssueFile(await readFile(path, 'utf8'), path);
      if (issue) issues.push(issue);
    }
    return issues;
  }

  async function save(issue: TrackedIssue): Promise<TrackedIssue> {
    await mkdir(folder, { recursive: true });
    const path = join(folder, fileName(issue.number));
    const saved = { ...issue, url: path };
    // Write beside, then rename, so an interrupted run never leaves half a file.
    await writeFile(`${path}.tmp`, formatIssueFile(saved));
    await rename(`${path}.tmp`, path);
    return saved;
  }

  return {
    describe: () => `local issue store ${folder}`,
    async listIssues(label) {
      return (await all()).filter((issue) => issue.labels.includes(label));
    },
    async ensureLabels() {
      // Labels of local issues are plain strings in each file.
    },
    async createIssue(draft: IssueDraft) {
      const issues = await all();
      const number = issues.reduce((max, issue) => Math.max(max, issue.number), 0) + 1;
      return save({
        number,
        title: draft.title,
        body: draft.body,
        state: 'open',
        stateReason: null,
        labels: draft.labels,
        url: '',
      });
    },
    async updateIssue(number, changes) {
      const issue = (await all()).find((candidate) => candidate.number === number);
      if (!issue) throw new Error(`Local issue ${number} is missing from ${folder}.`);
      const { stateReason, ...rest } = changes;
      return save({
        ...issue,
        ...rest,
        ...(stateReason ? { stateReason } : changes.state === 'open' ? { stateReason: null } : {}),
      });
    },
    async addComment(number, body) {
      // Comments go beside the issue, newest last, so the issue file stays the body alone.
      await mkdir(folder, { recursive: true });
      const path = join(folder, fileName(number).replace(/\.md$/, '.comments.md'));
      await appendFile(path, `<!-- comment -->\n${body}\n\n`);
    },
  };
}
