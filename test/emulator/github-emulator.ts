// A GitHub REST emulator on 127.0.0.1: real HTTP, state kept between requests,
// responses typed against GitHub's OpenAPI description. It implements what the
// action uses: artifacts (list, zip download through a 302 to a separate blob
// host that refuses credentials), issues (list, get, create, update) and labels.

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';

type Artifact = components['schemas']['artifact'];
type Issue = components['schemas']['issue'];
type Label = components['schemas']['label'];
type SimpleUser = components['schemas']['simple-user'];

export interface RecordedRequest {
  host: 'api' | 'blob';
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  body: string;
}

export interface Fault {
  method: string;
  /** Matched against the request path. */
  path: RegExp;
  /** Which server; the API by default. */
  host?: 'api' | 'blob';
  /** How many matching requests fail; then the fault is spent. */
  times: number;
  /** Answer with this status (and message) instead of the real response. */
  status?: number;
  message?: string;
  headers?: Record<string, string>;
  /** Wait this long first; without status or drop, then answer normally. */
  delayMs?: number;
  /** Send the headers and part of a body, then cut the connection. */
  drop?: boolean;
}

export interface ArtifactSeed {
  name: string;
  zip: Uint8Array;
  createdAt?: Date;
  expired?: boolean;
  run?: { id: number; branch?: string; headRepositoryId?: number; workflowPath?: string };
}

export interface EmulatorOptions {
  owner?: string;
  repo?: string;
  token?: string;
  /** Added before every API response, to model a real network. */
  latencyMs?: number;
  /** The token's hourly REST budget (x-ratelimit-limit). */
  rateLimit?: number;
}

export interface GitHubEmulator {
  apiUrl: string;
  serverUrl: string;
  owner: string;
  repo: string;
  token: string;
  artifacts: Artifact[];
  issues: Issue[];
  comments: { issue: number; body: string }[];
  labels: Label[];
  requests: RecordedRequest[];
  faults: Fault[];
  /** Called for every request as it arrives, after it is recorded. */
  onRequest: ((request: RecordedRequest) => void) | null;
  addArtifact(seed: ArtifactSeed): Artifact;
  /** Puts an issue in place directly, as if created earlier. */
  addIssue(input: { title: string; body?: string; labels?: string[] }): Issue;
  /** Requests that changed state (POST, PATCH, PUT, DELETE) on the API host. */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

const REPOSITORY_ID = 4242;

function user(login: string, id: number): SimpleUser {
  const url = `https://api.github.com/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<GitHubEmulator> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'octo-cli';
  const token = options.token ?? `ghs_${randomUUID().replace(/-/g, '')}`;
  const bot = user('github-actions[bot]', 41898282);
  let nextArtifactId = 1000;
  let nextIssueId = 5000;
  let nextLabelId = 700;
  const blobs = new Map<string, Uint8Array>();
  const runs = new Map<number, { branch: string; path: string; headRepositoryId: number }>();

  const apiServer = createServer();
  const blobServer = createServer();
  const apiUrl = await listen(apiServer);
  const blobUrl = await listen(blobServer);
  const webUrl = 'https://github.com';
  const repoApi = `${apiUrl}/repos/${owner}/${repo}`;

  const emulator: GitHubEmulator = {
    apiUrl,
    serverUrl: webUrl,
    owner,
    repo,
    token,
    artifacts: [],
    issues: [],
    comments: [],
    labels: [],
    requests: [],
    faults: [],
    onRequest: null,
    addArtifact(seed) {
      const id = nextArtifactId++;
      const created = seed.createdAt ?? new Date();
      const artifact: Artifact = {
        id,
        node_id: `MDg6QXJ0aWZhY3Q${id}`,
        name: seed.name,
        size_in_bytes: seed.zip.byteLength,
        url: `${repoApi}/actions/artifacts/${id}`,
        archive_download_url: `${repoApi}/actions/artifacts/${id}/zip`,
        expired: seed.expired ?? false,
        created_at: created.toISOString(),
        expires_at: new Date(created.getTime() + 90 * 86_400_000).toISOString(),
        updated_at: created.toISOString(),
        digest: null,
        workflow_run: seed.run
          ? {
              id: seed.run.id,
              repository_id: REPOSITORY_ID,
              head_repository_id: seed.run.headRepositoryId ?? REPOSITORY_ID,
              head_branch: seed.run.branch ?? 'main',
              head_sha: 'a'.repeat(40),
            }
          : null,
      };
      blobs.set(String(id), seed.zip);
      if (seed.run)
        runs.set(seed.run.id, {
          branch: seed.run.branch ?? 'main',
          path: seed.run.workflowPath ?? '.github/workflows/ci.yml',
          headRepositoryId: seed.run.headRepositoryId ?? REPOSITORY_ID,
        });
      emulator.artifacts.push(artifact);
      return artifact;
    },
    addIssue(input) {
      return createIssue(input);
    },
    writes() {
      return emulator.requests.filter(
        (request) => request.host === 'api' && request.method !== 'GET' && request.method !== 'HEAD',
      );
    },
    async close() {
      apiServer.closeAllConnections();
      blobServer.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => apiServer.close(() => resolve())),
        new Promise<void>((resolve) => blobServer.close(() => resolve())),
      ]);
    },
  };

  const budget = options.rateLimit ?? 5000;
  const rateHeaders = () => ({
    'x-ratelimit-limit': String(budget),
    'x-ratelimit-remaining': String(
      Math.max(0, budget - emulator.requests.filter((request) => request.host === 'api').length),
    ),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': String(emulator.requests.filter((request) => request.host === 'api').length),
    'x-ratelimit-resource': 'core',
    'x-github-request-id': randomUUID().toUpperCase(),
  });

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...rateHeaders(),
      ...headers,
    });
    response.end(text);
  }

  function notFound(response: ServerResponse): void {
    send(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }

  /** Slices a list into the requested page and sets GitHub's Link header. */
  function paginate<T>(url: URL, items: T[]): { page: T[]; headers: Record<string, string> } {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const pageNumber = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (page: number, rel: string) => {
      const target = new URL(url.pathname + url.search, apiUrl);
      target.searchParams.set('page', String(page));
      target.searchParams.set('per_page', String(perPage));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (pageNumber > 1) links.push(link(pageNumber - 1, 'prev'), link(1, 'first'));
    if (pageNumber < last) links.push(link(pageNumber + 1, 'next'), link(last, 'last'));
    return {
      page: items.slice((pageNumber - 1) * perPage, pageNumber * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  }

  function labelObject(name: string, color = 'ededed', description: string | null = null): Label {
    const id = nextLabelId++;
    return {
      id,
      node_id: `LA_${id}`,
      url: `${repoApi}/labels/${encodeURIComponent(name)}`,
      name,
      description,
      color,
      default: false,
    };
  }

  function issueLabels(names: unknown): Label[] {
    if (!Array.isArray(names)) return [];
    return names.map((entry) => {
      const name = typeof entry === 'string' ? entry : String((entry as { name?: unknown }).name ?? '');
      let label = emulator.labels.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!label) {
        // GitHub creates unknown labels named in an issue write.
        label = labelObject(name);
        emulator.labels.push(label);
      }
      return label;
    });
  }

  function createIssue(input: Record<string, unknown>): Issue {
    const number = emulator.issues.length + 1;
    const id = nextIssueId++;
    const now = new Date().toISOString();
    const issue: Issue = {
      id,
      node_id: `I_${id}`,
      url: `${repoApi}/issues/${number}`,
      repository_url: repoApi,
      labels_url: `${repoApi}/issues/${number}/labels{/name}`,
      comments_url: `${repoApi}/issues/${number}/comments`,
      events_url: `${repoApi}/issues/${number}/events`,
      html_url: `${webUrl}/${owner}/${repo}/issues/${number}`,
      number,
      state: 'open',
      state_reason: null,
      title: String(input['title']),
      body: typeof input['body'] === 'string' ? input['body'] : null,
      user: bot,
      labels: issueLabels(input['labels']),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      closed_at: null,
      created_at: now,
      updated_at: now,
      author_association: 'NONE',
    };
    emulator.issues.push(issue);
    return issue;
  }

  function takeFault(host: 'api' | 'blob', method: string, path: string): Fault | null {
    const fault = emulator.faults.find(
      (candidate) =>
        candidate.times > 0 &&
        (candidate.host ?? 'api') === host &&
        candidate.method === method &&
        candidate.path.test(path),
    );
    if (!fault) return null;
    fault.times -= 1;
    return fault;
  }

  /** Plays a fault; true when it answered (or cut) the request. */
  async function playFault(fault: Fault | null, response: ServerResponse): Promise<boolean> {
    if (!fault) return false;
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.drop) {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '4096' });
      response.write('{"total_count": 3, "artifacts": [{"id": ');
      await new Promise((resolve) => setTimeout(resolve, 10));
      response.socket?.destroy();
      return true;
    }
    if (fault.status === undefined) return false;
    send(
      response,
      fault.status,
      {
        message: fault.message ?? `Emulated failure ${fault.status}`,
        documentation_url: 'https://docs.github.com/rest',
      },
      fault.headers,
    );
    return true;
  }

  function record(entry: RecordedRequest): void {
    emulator.requests.push(entry);
    emulator.onRequest?.(entry);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', apiUrl);
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    const authorization = request.headers.authorization ?? null;
    record({ host: 'api', method, path: url.pathname, query: url.searchParams, authorization, body });
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    if (authorization !== `token ${token}` && authorization !== `Bearer ${token}`) {
      send(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }
    if (await playFault(takeFault('api', method, url.pathname), response)) return;
    const base = `/repos/${owner}/${repo}`;
    if (!url.pathname.startsWith(`${base}/`)) return notFound(response);
    const rest = url.pathname.slice(base.length);
    let json: Record<string, unknown> = {};
    if (body) {
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        send(response, 400, { message: 'Problems parsing JSON' });
        return;
      }
    }

    let match: RegExpExecArray | null;
    if (method === 'GET' && rest === '/actions/artifacts') {
      const name = url.searchParams.get('name');
      const listed = [...emulator.artifacts]
        .filter((artifact) => name === null || artifact.name === name)
        .sort((a, b) => b.id - a.id);
      const { page, headers } = paginate(url, listed);
      send(response, 200, { total_count: listed.length, artifacts: page }, headers);
    } else if (method === 'GET' && (match = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(rest))) {
      const name = url.searchParams.get('name');
      const runId = Number(match[1]);
      const listed = emulator.artifacts
        .filter((artifact) => artifact.workflow_run?.id === runId && (name === null || artifact.name === name))
        .sort((a, b) => b.id - a.id);
      const { page, headers } = paginate(url, listed);
      send(response, 200, { total_count: listed.length, artifacts: page }, headers);
    } else if (method === 'GET' && (match = /^\/actions\/artifacts\/(\d+)\/(zip)$/.exec(rest))) {
      const artifact = emulator.artifacts.find((candidate) => candidate.id === Number(match![1]));
      if (!artifact) return notFound(response);
      if (artifact.expired) {
        send(response, 410, {
          message: 'Artifact has expired',
          documentation_url: 'https://docs.github.com/rest',
          status: '410',
        });
        return;
      }
      const signature = randomUUID();
      response.writeHead(302, {
        location: `${blobUrl}/artifacts/${artifact.id}.zip?sig=${signature}&se=1`,
        'content-length': '0',
        ...rateHeaders(),
      });
      response.end();
    } else if (method === 'GET' && (match = /^\/actions\/runs\/(\d+)$/.exec(rest))) {
      const id = Number(match[1]);
      const run = runs.get(id);
      if (!run) return notFound(response);
      send(response, 200, {
        id,
        name: 'CI',
        node_id: `WFR_${id}`,
        head_branch: run.branch,
        head_sha: 'a'.repeat(40),
        path: run.path,
        run_number: id,
        event: 'push',
        status: 'completed',
        conclusion: 'success',
        workflow_id: 1,
        url: `${repoApi}/actions/runs/${id}`,
        html_url: `${webUrl}/${owner}/${repo}/actions/runs/${id}`,
        repository: { id: REPOSITORY_ID },
        head_repository: { id: run.headRepositoryId },
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
    } else if (method === 'GET' && rest === '/issues') {
      const state = url.searchParams.get('state') ?? 'open';
      const wanted = (url.searchParams.get('labels') ?? '')
        .split(',')
        .map((label) => label.trim().toLowerCase())
        .filter(Boolean);
      const listed = emulator.issues
        .filter((issue) => state === 'all' || issue.state === state)
        .filter((issue) =>
          wanted.every((name) =>
            issue.labels.some(
              (label) => (typeof label === 'string' ? label : (label.name ?? '')).toLowerCase() === name,
            ),
          ),
        )
        .sort((a, b) => b.number - a.number);
      const { page, headers } = paginate(url, listed);
      send(response, 200, page, headers);
    } else if (method === 'POST' && rest === '/issues') {
      if (typeof json['title'] !== 'string' || json['title'] === '') {
        send(response, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        });
        return;
      }
      if (typeof json['body'] === 'string' && json['body'].length > 65_536) {
        send(response, 422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'Issue',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
        });
        return;
      }
      send(response, 201, createIssue(json));
    } else if ((match = /^\/issues\/(\d+)$/.exec(rest)) && (method === 'GET' || method === 'PATCH')) {
      const issue = emulator.issues.find((candidate) => candidate.number === Number(match![1]));
      if (!issue) return notFound(response);
      if (method === 'PATCH') {
        if (typeof json['body'] === 'string' && json['body'].length > 65_536) {
          send(response, 422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Issue', code: 'custom', field: 'body' }],
          });
          return;
        }
        if (typeof json['title'] === 'string') issue.title = json['title'];
        if (typeof json['body'] === 'string') issue.body = json['body'];
        if (json['labels'] !== undefined) issue.labels = issueLabels(json['labels']);
        if (json['state'] === 'closed' && issue.state !== 'closed') {
          issue.state = 'closed';
          issue.state_reason = json['state_reason'] === 'not_planned' ? 'not_planned' : 'completed';
          issue.closed_at = new Date().toISOString();
        } else if (json['state'] === 'open' && issue.state !== 'open') {
          issue.state = 'open';
          issue.state_reason = 'reopened';
          issue.closed_at = null;
        }
        issue.updated_at = new Date().toISOString();
      }
      send(response, 200, issue);
    } else if (method === 'POST' && (match = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = emulator.issues.find((candidate) => candidate.number === Number(match![1]));
      if (!issue) return notFound(response);
      if (typeof json['body'] !== 'string' || json['body'] === '') {
        send(response, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
        });
        return;
      }
      emulator.comments.push({ issue: issue.number, body: json['body'] });
      issue.comments += 1;
      const id = nextIssueId++;
      const comment: components['schemas']['issue-comment'] = {
        id,
        node_id: `IC_${id}`,
        url: `${repoApi}/issues/comments/${id}`,
        html_url: `${issue.html_url}#issuecomment-${id}`,
        body: json['body'],
        user: bot,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        issue_url: issue.url,
        author_association: 'NONE',
      };
      send(response, 201, comment);
    } else if (method === 'GET' && (match = /^\/labels\/([^/]+)$/.exec(rest))) {
      const name = decodeURIComponent(match[1]!);
      const label = emulator.labels.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (label) send(response, 200, label);
      else notFound(response);
    } else if (method === 'POST' && rest === '/labels') {
      const name = String(json['name'] ?? '');
      if (emulator.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) {
        send(response, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        });
        return;
      }
      const label = labelObject(
        name,
        String(json['color'] ?? 'ededed'),
        typeof json['description'] === 'string' ? json['description'] : null,
      );
      emulator.labels.push(label);
      send(response, 201, label);
    } else {
      notFound(response);
    }
  }

  async function handleBlob(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', blobUrl);
    const authorization = request.headers.authorization ?? null;
    record({
      host: 'blob',
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization,
      body: '',
    });
    if (await playFault(takeFault('blob', request.method ?? 'GET', url.pathname), response)) return;
    // Signed storage URLs refuse any other credential, as cloud blob stores do.
    if (authorization !== null) {
      response.writeHead(400, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidAuthenticationInfo</Code></Error>');
      return;
    }
    const match = /^\/artifacts\/(\d+)\.zip$/.exec(url.pathname);
    const bytes = match ? blobs.get(match[1]!) : undefined;
    if (!bytes || !url.searchParams.get('sig')) {
      response.writeHead(404, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code></Error>');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(bytes.byteLength) });
    response.end(bytes);
  }

  const guard =
    (handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>) =>
    (request: IncomingMessage, response: ServerResponse) => {
      handler(request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, { message: `Emulator error: ${String(error)}` });
        else response.destroy();
      });
    };
  apiServer.on('request', guard(handleApi));
  blobServer.on('request', guard(handleBlob));
  return emulator;
}
