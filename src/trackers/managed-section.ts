// The part of an issue body this tool owns: between two hidden markers, with the
// group's fingerprint and a small state record. Text outside the markers belongs
// to maintainers and is kept on every update.

export const SECTION_BEGIN = '<!-- crash-report-aggregator:begin -->';
export const SECTION_END = '<!-- crash-report-aggregator:end -->';
export const BODY_MAX_CHARS = 65_536;
/** App versions remembered per issue, newest kept. */
export const STATE_MAX_VERSIONS = 100;

const FINGERPRINT_MARKER = /<!-- crash-report-aggregator:fingerprint=([0-9a-f]{16}) -->/;
const STATE_MARKER = /<!-- crash-report-aggregator:state (\{.*?\}) -->/;

/** What the tool remembers about a group between runs, kept in the issue itself. */
export interface IssueState {
  /** 1: filed per configuration cell by earlier releases; 2: filed per problem. */
  v: 1 | 2;
  groupBy: string[];
  /** v2: the problem's pattern (its key), measure and anchor, by which it is found again. */
  pattern?: string;
  measure?: string | null;
  anchor?: string;
  /** App versions seen in the group up to the last update; a close is judged against these. */
  versions: string[];
  /** The newest app version of any session when the issue was last written: a reopen needs a newer release. */
  newestSeen?: string;
  /** The errored-session rate when the problem was last found; recovery is judged against it. */
  foundRate?: number;
  /** Closed by this tool after the problem recovered (not by a maintainer). */
  closedByTool?: boolean;
  sessions: number;
  erroredSessions: number;
  errorRate: number;
}

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- crash-report-aggregator:fingerprint=${fingerprint} -->`;
}

/** The fingerprint an issue body carries, or null. */
export function fingerprintIn(body: string | null | undefined): string | null {
  return body ? (FINGERPRINT_MARKER.exec(body)?.[1] ?? null) : null;
}

export function stateIn(body: string | null | undefined): IssueState | null {
  const match = body ? STATE_MARKER.exec(body) : null;
  if (!match) return null;
  try {
    const state = JSON.parse(match[1]!) as IssueState;
    if ((state.v !== 1 && state.v !== 2) || !Array.isArray(state.versions) || !Array.isArray(state.groupBy))
      return null;
    if (state.v === 2 && (typeof state.pattern !== 'string' || typeof state.anchor !== 'string')) return null;
    return state;
  } catch {
    return null;
  }
}

function split(body: string): { before: string; section: string; after: string } | null {
  const start = body.indexOf(SECTION_BEGIN);
  const end = body.indexOf(SECTION_END, start);
  if (start < 0 || end < 0) return null;
  return {
    before: body.slice(0, start),
    section: body.slice(start, end + SECTION_END.length),
    after: body.slice(end + SECTION_END.length),
  };
}

/** The managed section of a body, or the whole body when it has no markers. */
export function sectionOf(body: string): string {
  return split(body.replace(/\r\n/g, '\n'))?.section ?? body.replace(/\r\n/g, '\n');
}

/** Cuts over-long text at the last section heading that fits, with a visible note. */
export function cutToFit(text: string, room: number): string {
  if (text.length <= room) return text;
  const note =
    "\n\n> **Note:** this report was cut to fit GitHub's issue size limit; the full figures are in the run's JSON report.";
  const head = text.slice(0, Math.max(0, room - note.length));
  const cut = head.lastIndexOf('\n#');
  const lastLine = head.lastIndexOf('\n');
  return `${cut > 0 ? head.slice(0, cut) : lastLine > 0 ? head.slice(0, lastLine) : head}${note}`;
}

/**
 * The whole body for `rendered` text: the managed section, placed where the old
 * one was so maintainers' text before and after it stays as they wrote it.
 */
export function composeBody(existing: string | null, rendered: string, fingerprint: string, state: IssueState): string {
  const stateText = JSON.stringify({ ...state, versions: state.versions.slice(-STATE_MAX_VERSIONS) }).replace(
    /-->/g,
    '--\\u003e',
  );
  return composeSection(
    existing,
    rendered,
    `${fingerprintMarker(fingerprint)}\n<!-- crash-report-aggregator:state ${stateText} -->`,
  );
}

/** Like composeBody, with any hidden marker lines closing the section. */
export function composeSection(existing: string | null, rendered: string, markers: string): string {
  const tail = `\n\n${markers}\n${SECTION_END}`;
  const parts = existing ? split(existing.replace(/\r\n/g, '\n')) : null;
  const outside = parts ? parts.before.length + parts.after.length : 0;
  const room = BODY_MAX_CHARS - outside - SECTION_BEGIN.length - tail.length - 2;
  const section = `${SECTION_BEGIN}\n${cutToFit(rendered, room)}${tail}`;
  return parts ? `${parts.before}${section}${parts.after}` : section;
}
