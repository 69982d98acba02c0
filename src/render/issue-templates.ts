// Compiles the title and body templates once, checks them against a sample group
// at start, and renders issue drafts. Template errors stop the run with the path.

import Handlebars from 'handlebars';
import { formatCount, formatDuration, formatInterval, formatPercent, formatPValue } from './format.ts';
import { markdownTable, rateChart, sessionsChart } from './charts.ts';
import type { DayPoint } from './charts.ts';
import { trendOf } from '../history/trend.ts';
import type { Trend } from '../history/trend.ts';
import type { IssueContext } from './issue-context.ts';
import { findUnknownField } from './template-check.ts';

export interface TemplateSource {
  path: string;
  text: string;
}

export interface IssueText {
  title: string;
  body: string;
}

export interface IssueRenderer {
  /** Renders the title from a title-escaped context and the body from a Markdown-escaped one. */
  render(titleContext: IssueContext, bodyContext: IssueContext): IssueText;
}

export class TemplateError extends Error {}

const HELPERS: Record<string, (...args: unknown[]) => string> = {
  percent: (value) => formatPercent(typeof value === 'number' ? value : null),
  count: (value) => formatCount(Number(value)),
  duration: (value) => formatDuration(Number(value)),
  pvalue: (value) => formatPValue(Number(value)),
  interval: (value) => formatInterval(value as { low: number; high: number }),
  // `trend` (or, in templates written before it, `days`): the charts take either.
  rateChart: (trend) => rateChart(trend as Trend | DayPoint[]),
  sessionsChart: (trend) => sessionsChart(trend as Trend | DayPoint[]),
  table: (...args) => markdownTable(args[0] as Record<string, unknown>[], args.slice(1, -1).map(String)),
};

const SAMPLE: IssueContext = {
  group: {
    fingerprint: '0123456789abcdef',
    label: 'os.platform windows, app.version 1.0.0 and later',
    fields: [
      { name: 'os.platform', value: 'windows' },
      { name: 'app.version', value: '1.0.0 and later' },
    ],
  },
  problem: {
    kind: 'since-version',
    kindText: 'a platform from a version on',
    openFields: ['os.arch'],
    errorKind: 'KeyError',
    cells: 2,
    lastGood: { version: '0.9.0', sessions: 120, erroredSessions: 3, rate: 0.025, confirmed: false },
    hasLastGood: true,
    fixedIn: [{ version: '1.2.0', sessions: 80, erroredSessions: 1, rate: 0.0125, confirmed: true }],
    comparison: { label: 'in 0.9.0', sessions: 120, erroredSessions: 3, rate: 0.025 },
    hasComparison: true,
    installs: { known: true, affected: 3, reporting: 9, approximate: false },
    pValue: 0.0001,
    level: 0.002,
  },
  figures: {
    sessions: 20,
    erroredSessions: 5,
    errorRate: 0.25,
    crashes: 1,
    errorLines: 9,
    logLines: 400,
    installs: 3,
    installsApproximate: false,
    firstSessionAt: '2026-01-01',
    lastSessionAt: '2026-01-02',
    durationMedianSeconds: 60,
    durationP95Seconds: 300,
  },
  baseline: { sessions: 100, erroredSessions: 2, errorRate: 0.02 },
  interval: { low: 0.11, high: 0.47 },
  flagged: true,
  days: [
    { day: '2026-01-01', sessions: 12, erroredSessions: 2, rate: 2 / 12 },
    { day: '2026-01-02', sessions: 8, erroredSessions: 3, rate: 3 / 8 },
  ],
  trend: trendOf({
    days: [
      { day: '2026-01-01', sessions: 12, erroredSessions: 2 },
      { day: '2026-01-02', sessions: 8, erroredSessions: 3 },
    ],
    start: new Date('2026-01-01T00:00:00Z'),
    end: new Date('2026-01-03T00:00:00Z'),
    subject: 'this problem',
    others: [{ day: '2026-01-01', sessions: 100, erroredSessions: 2 }],
    comparison: 'all other sessions',
  }),
  history: {
    since: '2025-12-01',
    trend: trendOf({
      days: [{ day: '2025-12-20', sessions: 40, erroredSessions: 9 }],
      start: new Date('2025-12-01T00:00:00Z'),
      end: new Date('2026-01-03T00:00:00Z'),
      subject: 'this problem',
    }),
  },
  appVersions: ['1.0.0'],
  topErrorKinds: [{ kind: 'KeyError', sessions: 2, lines: 3, count: 3 }],
  runs: [{ id: 1, url: 'https://github.com/o/r/actions/runs/1', branch: 'main', erroredSessions: 2 }],
  rule: {
    minSessions: 10,
    errorRateThreshold: 0.05,
    lookbackDays: 7,
    confidence: 0.95,
    alpha: 0.05,
    verdict: 'significantly worse than the other sessions, with the excess spread over enough installations',
    ignoreLabel: 'crash-report:ignore',
  },
};

function lineOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function compile(env: typeof Handlebars, source: TemplateSource): HandlebarsTemplateDelegate<IssueContext> {
  let template: HandlebarsTemplateDelegate<IssueContext>;
  try {
    template = env.compile<IssueContext>(source.text, {
      noEscape: true,
      strict: true,
      knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
      knownHelpersOnly: true,
    });
    const unknown = findUnknownField(
      source.text,
      SAMPLE,
      new Set([...Object.keys(HELPERS), 'if', 'unless', 'each', 'with', 'lookup', 'log']),
    );
    if (unknown) throw new Error(unknown);
    template(SAMPLE);
  } catch (error) {
    throw new TemplateError(`Template ${source.path} cannot be used: ${lineOf(error)}`);
  }
  return template;
}

export function createIssueRenderer(title: TemplateSource, body: TemplateSource): IssueRenderer {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper);
  env.registerHelper('helperMissing', (...args: unknown[]) => {
    const options = args[args.length - 1] as { name?: string };
    throw new Error(`unknown helper or field "${options.name ?? '?'}"`);
  });
  const titleTemplate = compile(env, title);
  const bodyTemplate = compile(env, body);
  return {
    render(titleContext, bodyContext) {
      // GitHub refuses an empty title; a template that renders none falls back to the group.
      const renderedTitle =
        titleTemplate(titleContext).replace(/\s+/g, ' ').trim().slice(0, 256) ||
        `Crash report: ${titleContext.group.label}`.slice(0, 256);
      return { title: renderedTitle, body: bodyTemplate(bodyContext).replace(/\r\n/g, '\n').trim() };
    },
  };
}
