// Builds the one octokit the run uses: @actions/github's client with GitHub's
// recommended throttling and bounded retries, and every REST call counted here.

import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RequestCounts {
  reads: number;
  writes: number;
}

export interface ClientOptions {
  token: string;
  /** REST API root; GITHUB_API_URL on a runner, so GitHub Enterprise works unchanged. */
  baseUrl: string;
  warn: (message: string) => void;
  /** How many times a throttled request is tried again before the run gives up on it. */
  maxRateLimitRetries?: number;
  /** Base of the retry back-off for server errors, in ms (waits grow as 1, 4, 9 times this). */
  retryBaseMs?: number;
}

/** The HTTP status of an octokit RequestError, or null for anything else. */
export function httpStatusOf(error: unknown): number | null {
  if (error !== null && typeof error === 'object' && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return null;
}

export function createGitHubClient(options: ClientOptions): { client: GitHubClient; counts: RequestCounts } {
  const counts: RequestCounts = { reads: 0, writes: 0 };
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const client = getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      userAgent: 'crash-report-aggregator',
      retry: { retries: 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      throttle: {
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          options.warn(`Rate limit reached on ${request.method} ${request.url}; waiting ${retryAfter}s (attempt ${retryCount + 1}).`);
          return retryCount < maxRetries;
        },
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          options.warn(`Secondary rate limit on ${request.method} ${request.url}; backing off ${retryAfter}s.`);
          return retryCount < maxRetries;
        },
      },
    },
    throttling,
    retry,
  );
  client.hook.wrap('request', async (request, endpoint) => {
    if (endpoint.method === 'GET' || endpoint.method === 'HEAD') counts.reads += 1;
    else counts.writes += 1;
    return request(endpoint);
  });
  return { client, counts };
}
