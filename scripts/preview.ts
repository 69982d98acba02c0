// npm run preview: what a maintainer would see, rendered the way GitHub renders it.
// Runs the bundled command line on three data sets (the demo's examples, sixty
// days with quiet days and a regression, ten releases), with the dashboard on,
// then 120 daily runs over six releases for the dashboard's release health, and writes to
// preview/: each issue and dashboard as Markdown and as HTML (GFM with GitHub's
// stylesheet, Mermaid for the charts), the job summary as @actions/core writes
// it, and, where Chromium is installed, a PNG screenshot of each page in the
// light and the dark theme.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as core from '@actions/core';
import { marked } from 'marked';
import { composeJobSummary } from '../src/report/job-summary.ts';
import type { RunReport } from '../src/report/run-report.ts';
import { longWindowSummaries, LONG_WINDOW_DAYS, LONG_WINDOW_END, tenReleases } from '../test/fixtures/long-window.ts';
import { DAY, HISTORY_DAYS, HISTORY_START, releaseHistory } from '../test/fixtures/release-history.ts';
import { createIssueRenderer } from '../src/render/issue-templates.ts';
import { readTemplates } from '../src/run/template-files.ts';
import { runTriage } from '../src/run/triage.ts';
import { parseSettings } from '../src/settings.ts';
import { createPathSource } from '../src/sources/path-source.ts';
import { createLocalTracker } from '../src/trackers/local-tracker.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'preview') },
    'no-screenshots': { type: 'boolean', default: false },
  },
});
const out = values.out!;

interface Page {
  name: string;
  title: string;
  markdown: string;
  /** The job summary is HTML already (with Markdown blocks inside, as GitHub reads it). */
  html?: string;
}

function runCli(name: string, args: string[]): string {
  const store = join(out, name, 'store');
  rmSync(join(out, name), { recursive: true, force: true });
  mkdirSync(join(out, name), { recursive: true });
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), ...args, '--store', store, '--report-issue', 'true'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return store;
}

/** The issues of a local store, front matter read for the title, body as GitHub would hold it. */
function storePages(name: string, store: string): Page[] {
  return readdirSync(store)
    .filter((file) => /^issue-\d+\.md$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(store, file), 'utf8');
      const end = text.indexOf('\n---\n', 4);
      const title = /^title: (.*)$/m.exec(text.slice(0, end))?.[1] ?? file;
      return {
        name: `${name}-${file.replace(/\.md$/, '')}`,
        title: JSON.parse(title) as string,
        markdown: text.slice(end + 5),
      };
    });
}

async function jobSummaryPage(name: string, store: string): Promise<Page> {
  const report = JSON.parse(readFileSync(join(store, 'report.json'), 'utf8')) as RunReport;
  const file = join(out, name, 'job-summary.md');
  writeFileSync(file, '');
  process.env['GITHUB_STEP_SUMMARY'] = file;
  // @actions/core's summary keeps the first file it wrote to: a fresh one for each page.
  const Summary = core.summary.constructor as new () => typeof core.summary;
  const writer = new Summary();
  composeJobSummary(report, writer);
  await writer.write({ overwrite: true });
  const html = readFileSync(file, 'utf8');
  return { name: `${name}-job-summary`, title: 'Job summary', markdown: html, html };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** GFM to HTML as GitHub shows it: Mermaid blocks become diagrams. */
function pageHtml(page: Page, theme: 'light' | 'dark'): string {
  // Job summaries mix HTML and Markdown blocks; marked passes the HTML through, as GitHub does.
  const body = (marked.parse(page.markdown, { gfm: true, async: false }) as string).replace(
    /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    (_, code: string) => `<pre class="mermaid">${code}</pre>`,
  );
  const css = pathToFileURL(join(root, `node_modules/github-markdown-css/github-markdown-${theme}.css`)).href;
  const mermaid = pathToFileURL(join(root, 'node_modules/mermaid/dist/mermaid.min.js')).href;
  const background = theme === 'dark' ? '#0d1117' : '#ffffff';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="${css}">
<style>body { background: ${background}; margin: 0; } .markdown-body { box-sizing: border-box; max-width: 880px; padding: 24px 32px; }
.markdown-body h1.issue-title { border: 0; font-size: 26px; font-weight: 400; }</style>
<script src="${mermaid}"></script></head>
<body><article class="markdown-body"><h1 class="issue-title">${escapeHtml(page.title)}</h1>
${body}
</article>
<script>
mermaid.initialize({ startOnLoad: false, theme: '${theme === 'dark' ? 'dark' : 'default'}' });
mermaid.run({ querySelector: '.mermaid' }).finally(() => { document.title = 'height:' + document.documentElement.scrollHeight; });
</script></body></html>
`;
}

function chromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-file-access-from-files',
  '--hide-scrollbars',
  '--virtual-time-budget=8000',
];

/** Two passes: the first asks the page for its height once Mermaid is done, the second takes the shot. */
function screenshot(browser: string, html: string, png: string): void {
  const profile = join(out, '.chromium');
  const flags = [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`];
  const dom = spawnSync(browser, [...flags, '--window-size=944,1000', '--dump-dom', pathToFileURL(html).href], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const height = Number(/<title>height:(\d+)<\/title>/.exec(dom.stdout ?? '')?.[1] ?? 3000);
  spawnSync(
    browser,
    [
      ...flags,
      `--window-size=944,${Math.min(16_000, Math.max(400, height))}`,
      `--screenshot=${png}`,
      pathToFileURL(html).href,
    ],
    { encoding: 'utf8' },
  );
}

if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first.');
mkdirSync(out, { recursive: true });
const pages: Page[] = [];

// The demo: the bundled examples, as the README's first command runs them.
const demo = runCli('demo', ['--path', join(root, 'examples/summaries'), '--now', '2026-11-21T00:00:00Z']);
pages.push(...storePages('demo', demo), await jobSummaryPage('demo', demo));

// Sixty days with quiet days: weekly buckets, gaps, a regression three weeks old.
mkdirSync(join(out, 'sixty-days'), { recursive: true });
const input = join(out, 'sixty-days.jsonl');
writeFileSync(
  input,
  longWindowSummaries()
    .map((summary) => JSON.stringify(summary))
    .join('\n') + '\n',
);
const sixty = runCli('sixty-days', [
  '--path',
  input,
  '--now',
  LONG_WINDOW_END.toISOString(),
  '--lookback-days',
  String(LONG_WINDOW_DAYS),
]);
pages.push(...storePages('sixty-days', sixty), await jobSummaryPage('sixty-days', sixty));

// Ten releases over ten weeks: the matrix at its widest, the version table at length.
const releasesInput = join(out, 'ten-releases.jsonl');
writeFileSync(
  releasesInput,
  tenReleases()
    .map((summary) => JSON.stringify(summary))
    .join('\n') + '\n',
);
const releases = runCli('ten-releases', [
  '--path',
  releasesInput,
  '--now',
  '2026-11-21T00:00:00Z',
  '--lookback-days',
  '70',
]);
pages.push(...storePages('ten-releases', releases), await jobSummaryPage('ten-releases', releases));

// 120 daily runs over six releases (one broken, the next fixing it): the dashboard's release health from the history.
const health = join(out, 'release-health');
rmSync(health, { recursive: true, force: true });
mkdirSync(join(health, 'artifacts'), { recursive: true });
{
  const settings = parseSettings(
    (name) => ({ path: 'unused', 'lookback-days': '7', 'report-issue': 'true' })[name] ?? '',
  );
  const templates = await readTemplates(settings, root);
  const renderer = createIssueRenderer(templates.title, templates.body);
  const tracker = createLocalTracker(join(health, 'store'));
  const days = releaseHistory();
  for (let day = 0; day < HISTORY_DAYS; day += 1) {
    writeFileSync(
      join(health, 'artifacts', `day-${day}.jsonl`),
      days[day]!.map((row) => JSON.stringify(row)).join('\n') + '\n',
    );
    const files = Array.from({ length: 8 }, (_, back) => day - back)
      .filter((each) => each >= 0)
      .map((each) => `artifacts/day-${each}.jsonl`);
    const now = new Date(HISTORY_START + (day + 1) * DAY - 60_000);
    await runTriage(settings, {
      sources: [createPathSource(files, health)],
      tracker,
      renderer,
      now,
      log: { info: () => {}, warning: () => {} },
      historyPath: join(health, 'history.json'),
    });
  }
  const healthPages = storePages('release-health', join(health, 'store'));
  pages.push(...healthPages);
  // The dashboard's release health alone, for the README.
  const dashboard = healthPages.find((page) => page.markdown.includes('### Release health'));
  if (dashboard) {
    const section = dashboard.markdown.slice(
      dashboard.markdown.indexOf('### Release health'),
      dashboard.markdown.indexOf('### Trend'),
    );
    pages.push({
      name: 'release-health-section',
      title: 'Crash report: usage and errors (release health)',
      markdown: section,
    });
  }
}

const browser = values['no-screenshots'] ? null : chromium();
for (const page of pages) {
  for (const theme of ['light', 'dark'] as const) {
    const html = join(out, `${page.name}${theme === 'dark' ? '-dark' : ''}.html`);
    writeFileSync(html, pageHtml(page, theme));
    if (browser) screenshot(browser, html, html.replace(/\.html$/, '.png'));
  }
  console.log(`${page.name}: ${page.title}`);
}
console.log(
  browser
    ? `Wrote ${pages.length} pages to ${out} as HTML and PNG (light and dark).`
    : `Wrote ${pages.length} pages to ${out} as HTML${values['no-screenshots'] ? '' : '; no Chromium found, so no screenshots (Debian: apt-get install chromium)'}.`,
);
