// Issues on GitHub, over the REST API.

import type { components } from '@octokit/openapi-types';
import { httpStatusOf, refusal } from '../github-client.ts';
import type { GitHubClient } from '../github-client.ts';
import type { RepositoryRef } from '../github-client.ts';
import type { IssueTracker, TrackedIssue } from './issue-tracker.ts';

type Issue = components['schemas']['issue'];

const LABEL_COLOR = 'b60205';
const LABEL_DESCRIPTION = 'Filed by crash-report-aggregator from anonymous session summaries';

function tracked(issue: Issue): TrackedIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: issue.state_reason ?? null,
    labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
    url: issue.html_url,
  };
}

export function createGitHubTracker(client: GitHubClient, repository: RepositoryRef): IssueTracker {
  return {
    describe: () => `GitHub issues of ${repository.owner}/${repository.repo}`,
    async listIssues(label) {
      try {
        const issues = await client.paginate(client.rest.issues.listForRepo, {
          ...repository,
          labels: label,
          state: 'all',
          per_page: 100,
        });
        return (issues as Issue[]).filter((issue) => !issue.pull_request).map(tracked);
      } catch (error) {
        throw refusal(error, 'Listing issues', 'issues: read') ?? error;
      }
    },
    async ensureLabels(labels) {
      for (const name of labels) {
        try {
          await client.rest.issues.getLabel({ ...repository, name });
          continue;
        } catch (error) {
          if (httpStatusOf(error) !== 404) throw refusal(error, `Reading label "${name}"`, 'issues: read') ?? error;
        }
        try {
          await client.rest.issues.createLabel({
            ...repository,
            name,
            color: LABEL_COLOR,
            description: LABEL_DESCRIPTION,
          });
        } catch (error) {
          // 422: another run created it in the meantime.
          if (httpStatusOf(error) !== 422) throw refusal(error, `Creating label "${name}"`, 'issues: write') ?? error;
        }
      }
    },
    async createIssue(draft) {
      try {
        const { data } = await client.rest.issues.create({ ...repository, ...draft });
        return tracked(data as Issue);
      } catch (error) {
        throw refusal(error, 'Creating an issue', 'issues: write') ?? error;
      }
    },
    async updateIssue(number, changes) {
      try {
        const { stateReason, ...rest } = changes;
        const { data } = await client.rest.issues.update({
          ...repository,
          issue_number: number,
          ...rest,
          ...(stateReason ? { state_reason: stateReason } : {}),
        });
        return tracked(data as Issue);
      } catch (error) {
        throw refusal(error, `Updating issue #${number}`, 'issues: write') ?? error;
      }
    },
    async addComment(number, body) {
      try {
        await client.rest.issues.createComment({ ...repository, issue_number: number, body });
      } catch (error) {
        throw refusal(error, `Commenting on issue #${number}`, 'issues: write') ?? error;
      }
    },
  };
}
