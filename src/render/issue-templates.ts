// Compiles the title and body templates once, checks them against a sample group
// at start, and renders issue drafts. Template errors stop the run with the path.

import Handlebars from 'handlebars';
import { formatCount, formatDuration, formatPercent } from './format.ts';
import type { IssueContext } from './issue-context.ts';
import { findUnknownField } from './template-check.ts';

export const BODY_MAX_CHARS = 65_536;
const FINGERPRINT_MARKER = /<!-- crash-report-aggregator:fingerprint=([0-9a-f]{16}) -->/;

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
};

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- crash-report-aggregator:fingerprint=${fingerprint} -->`;
}

/** The fingerprint an issue body carries, or null. */
export function fingerprintIn(body: string | null | undefined): string | null {
  return body ? (FINGERPRINT_MARKER.exec(body)?.[1] ?? null) : null;
}

const SAMPLE: IssueContext = {
  group: {
    fingerprint: '0123456789abcdef',
    label: 'os.platform windows, app.version 1.0.0',
    fields: [
      { name: 'os.platform', value: 'windows' },
      { name: 'app.version', value: '1.0.0' },
    ],
  },
  figures: {
    sessions: 20,
    erroredSessions: 5,
    errorRate: 0.25,
    crashes: 1,
    errorLines: 9,
    logLines: 400,
    installs: 3,
    firstSessionAt: '2026-01-01T00:00:00.000Z',
    lastSessionAt: '2026-01-02T00:00:00.000Z',
    durationMedianSeconds: 60,
    durationP95Seconds: 300,
  },
  baseline: { sessions: 100, erroredSessions: 2, errorRate: 0.02 },
  topErrorKinds: [{ kind: 'KeyError', count: 3 }],
  runs: [{ id: 1, url: 'https://github.com/o/r/actions/runs/1', branch: 'main', erroredSessions: 2 }],
  rule: { minSessions: 10, errorRateThreshold: 0.05, lookbackDays: 7, verdict: 'error rate at or above threshold' },
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
    const unknown = findUnknownField(source.text, SAMPLE, new Set([...Object.keys(HELPERS), 'if', 'unless', 'each', 'with', 'lookup', 'log']));
    if (unknown) throw new Error(unknown);
    template(SAMPLE);
  } catch (error) {
    throw new TemplateError(`Template ${source.path} cannot be used: ${lineOf(error)}`);
  }
  return template;
}

/** Cuts an over-long body at the last section heading that fits, with a visible note. */
export function limitBody(body: string, marker: string): string {
  const room = BODY_MAX_CHARS - marker.length - 200;
  if (body.length + marker.length + 2 <= BODY_MAX_CHARS) return `${body}\n\n${marker}`;
  const head = body.slice(0, room);
  const cut = head.lastIndexOf('\n#');
  const kept = cut > 0 ? head.slice(0, cut) : head.slice(0, head.lastIndexOf('\n') > 0 ? head.lastIndexOf('\n') : room);
  return `${kept}\n\n> **Note:** this report was cut to fit GitHub's issue size limit; the full figures are in the run's JSON report.\n\n${marker}`;
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
      const renderedTitle = titleTemplate(titleContext).replace(/\s+/g, ' ').trim().slice(0, 256);
      const renderedBody = bodyTemplate(bodyContext).replace(/\r\n/g, '\n').trim();
      return { title: renderedTitle, body: limitBody(renderedBody, fingerprintMarker(bodyContext.group.fingerprint)) };
    },
  };
}
