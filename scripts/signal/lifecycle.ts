// Thirty daily runs over a steady population, through the product's own
// aggregation, problem search, issue drafts, planner and the local issue store:
// how many issues open, whether any opens twice or reopens, and how soon a
// problem that starts mid-month is filed once the data make it significant.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAggregator } from '../../src/aggregate/aggregate-groups.ts';
import { RECODE_ORDER } from '../../src/aggregate/recode-rare.ts';
import { judgeGroups } from '../../src/aggregate/flag-groups.ts';
import { findRunProblems } from '../../src/problems/judge-problems.ts';
import type { SessionSummary } from '../../src/records/session-summary.ts';
import { createIssueRenderer } from '../../src/render/issue-templates.ts';
import { parseSettings } from '../../src/settings.ts';
import { applyPlan } from '../../src/trackers/apply-plan.ts';
import { createLocalTracker } from '../../src/trackers/local-tracker.ts';
import { planIssues } from '../../src/trackers/plan-issues.ts';
import { stateIn } from '../../src/trackers/managed-section.ts';
import { draftProblemIssues, heldByRule, newestVersionOf, planOptions } from '../../src/trackers/problem-drafts.ts';
import { random } from './simulate.ts';

type Platform = SessionSummary['os']['platform'];

const DAY = 86_400_000;
const PLATFORMS: Platform[] = ['linux', 'windows', 'darwin', 'freebsd', 'other'];

export interface LifecycleOptions {
  platforms: number;
  versions: number;
  days: number;
  lookbackDays: number;
  closeAfterDays: number;
  /** From this day on one cell of at least 100 sessions a week errs at 3x the baseline; null: healthy. */
  plantFrom: number | null;
  seed: number;
  /** Told each run's actions, for a closer look at one population. */
  trace?: (day: number, actions: string[]) => void;
}

export interface LifecycleResult {
  runs: number;
  /** Issues opened for anything but the planted problem. */
  falseOpened: number;
  /** Issues opened more than once: reopened, or a second issue for a description an open issue carries. */
  openedTwice: number;
  closed: number;
  /** With a planted problem: the first run whose search found it, and the run that filed it (null: never). */
  foundOn: number | null;
  filedOn: number | null;
  /** Runs on which the planted problem's issue was closed while the problem went on. */
  closedWhileBroken: number;
}

interface Cell {
  platform: Platform;
  version: string;
  perDay: number;
  installs: string[];
}

function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export async function simulateLifecycle(options: LifecycleOptions): Promise<LifecycleResult> {
  const next = random(options.seed);
  const baseline = 0.01 + 0.07 * next();
  const versions = Array.from({ length: options.versions }, (_, i) => `3.${Math.floor(i / 3)}.${i % 3}`);
  const cells: Cell[] = PLATFORMS.slice(0, options.platforms).flatMap((platform) =>
    versions.map((version) => {
      const weekly = Math.round(Math.exp(Math.log(20) + (Math.log(1000) - Math.log(20)) * next()));
      return {
        platform,
        version,
        perDay: weekly / 7,
        installs: Array.from({ length: Math.max(1, Math.round(weekly / 4)) }, () => uuid(next)),
      };
    }),
  );
  const candidates = cells.filter((cell) => cell.perDay * 7 >= 100);
  const planted =
    options.plantFrom === null || candidates.length === 0 ? null : candidates[Math.floor(next() * candidates.length)]!;
  const store = await mkdtemp(join(tmpdir(), 'cra-lifecycle-'));
  const tracker = createLocalTracker(store);
  const inputs: Record<string, string> = {
    path: 'unused',
    'lookback-days': String(options.lookbackDays),
    'close-after-days': String(options.closeAfterDays),
  };
  const settings = parseSettings((name) => inputs[name] ?? '');
  const templates = new URL('../../templates/', import.meta.url);
  const renderer = createIssueRenderer(
    { path: 'issue-title.hbs', text: await readFile(new URL('issue-title.hbs', templates), 'utf8') },
    { path: 'issue-body.hbs', text: await readFile(new URL('issue-body.hbs', templates), 'utf8') },
  );
  const start = Date.parse('2026-09-01T00:00:00Z');
  const byDay: SessionSummary[][] = [];
  const result: LifecycleResult = {
    runs: 0,
    falseOpened: 0,
    openedTwice: 0,
    closed: 0,
    foundOn: null,
    filedOn: null,
    closedWhileBroken: 0,
  };
  let plantedIssue: number | null = null;
  let serial = 0;
  for (let day = 0; day < options.days; day += 1) {
    const sessions: SessionSummary[] = [];
    for (const cell of cells) {
      const count = Math.floor(cell.perDay) + (next() < cell.perDay % 1 ? 1 : 0);
      const rate = planted === cell && day >= options.plantFrom! ? Math.min(0.95, 3 * baseline) : baseline;
      for (let i = 0; i < count; i += 1) {
        const startedAt = start + day * DAY + Math.floor(next() * (DAY - 7_200_000));
        const errored = next() < rate;
        sessions.push({
          schema_version: 1,
          session_id: `00000000-0000-4000-8000-${(serial++).toString(16).padStart(12, '0')}`,
          install_id: cell.installs[Math.floor(next() * cell.installs.length)]!,
          app: { name: 'octo-cli', version: cell.version },
          os: { platform: cell.platform },
          started_at: new Date(startedAt).toISOString(),
          ended_at: new Date(startedAt + 600_000).toISOString(),
          log_lines: 100,
          error_lines: errored ? 1 : 0,
          outcome: errored ? 'error' : 'ok',
        });
      }
    }
    byDay.push(sessions);
    const now = new Date(start + (day + 1) * DAY - 60_000);
    const aggregator = createAggregator(settings.groupBy);
    for (const list of byDay.slice(Math.max(0, day + 1 - options.lookbackDays)))
      for (const summary of list) aggregator.add(summary, null);
    // As in a run: rare configurations are recoded before the search sees any cell, and an issue whose
    // configurations the rule hides this run is held, not closed.
    const recoded = aggregator.recode(settings.minPublishedInstallations, RECODE_ORDER);
    const findings = findRunProblems(aggregator, settings);
    // The planted problem is found when a problem covers its cell and has at least half its sessions there.
    const plantedSessions =
      planted === null
        ? 0
        : byDay
            .slice(Math.max(0, day + 1 - options.lookbackDays))
            .reduce(
              (sum, list) =>
                sum +
                list.filter(
                  (summary) => summary.os.platform === planted.platform && summary.app.version === planted.version,
                ).length,
              0,
            );
    const covers = (problem: (typeof findings.problems)[number]) =>
      planted !== null &&
      day >= options.plantFrom! &&
      plantedSessions * 2 >= problem.sessions &&
      problem.problem.pattern.every(
        (term) =>
          term.op === 'any' ||
          (term.field === 'os.platform'
            ? term.value === planted.platform
            : term.op === 'is'
              ? term.value === planted.version
              : true),
      );
    if (planted && result.foundOn === null && findings.problems.some(covers)) result.foundOn = day;
    const groups = judgeGroups(aggregator.groups(), settings).map(findings.judgeCell);
    const existing = await tracker.listIssues(settings.labels[0]!);
    const drafts = draftProblemIssues({ settings, findings, cells: groups, existing, renderer });
    const plan = planIssues(drafts, existing, {
      ...planOptions(settings, now, newestVersionOf(groups)),
      held: heldByRule(existing, findings.fields, recoded.cells),
    });
    const applied = await applyPlan(plan, { tracker, labels: settings.labels, dryRun: false, log: () => {} });
    result.runs += 1;
    options.trace?.(
      day,
      plan.map(
        (action, index) =>
          `${action.kind} #${applied[index]!.number} ${action.draft ? `${action.draft.label} ${action.draft.group.erroredSessions}/${action.draft.group.sessions} flagged=${action.draft.group.flagged}` : ''}`,
      ),
    );
    for (const [index, action] of plan.entries()) {
      const number = applied[index]!.number;
      const real = action.draft !== null && action.draft.group.flagged && covers(action.draft.group);
      // The planted problem is filed once an open issue carries it: opened, or an existing one brought to it.
      if (real && ['create', 'update', 'unchanged', 'reopen'].includes(action.kind)) {
        plantedIssue = number;
        if (result.filedOn === null) result.filedOn = day;
      }
      if (action.kind === 'create') {
        // A second issue for the very description an open issue carries would be a twin.
        const pattern = stateIn(action.body)?.pattern;
        if (existing.some((issue) => issue.state === 'open' && stateIn(issue.body)?.pattern === pattern))
          result.openedTwice += 1;
        if (!real) result.falseOpened += 1;
      }
      if (action.kind === 'reopen') result.openedTwice += 1;
      if (action.kind === 'close') {
        result.closed += 1;
        if (number !== null && number === plantedIssue) result.closedWhileBroken += 1;
      }
    }
  }
  await rm(store, { recursive: true, force: true });
  return result;
}
