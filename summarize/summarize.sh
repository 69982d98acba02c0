#!/usr/bin/env bash
# The summarize sub-action's step: one summary from the inputs (CRA_* variables),
# written to RUNNER_TEMP. It exits 0 whatever happens, with a warning when no
# summary was written: telemetry never fails the job.
set -u
out="${RUNNER_TEMP:-/tmp}/crash-report-aggregator/session-summary-${GITHUB_JOB:-job}-$$.jsonl"
mkdir -p "$(dirname "$out")"
echo "path=$out" >> "${GITHUB_OUTPUT:-/dev/null}"

args=(summarize --app "$CRA_APP" --out "$out")
if [ -n "${CRA_LOG:-}" ]; then
  args+=(--log "$CRA_LOG")
  if [ -n "${CRA_LOG_PATTERN:-}" ]; then args+=(--log-pattern "$CRA_LOG_PATTERN"); else args+=(--log-format "${CRA_LOG_FORMAT:-python}"); fi
elif [ -n "${CRA_ERROR_LINES:-}" ]; then
  args+=(--error-lines "$CRA_ERROR_LINES")
  [ -n "${CRA_LOG_LINES:-}" ] && args+=(--log-lines "$CRA_LOG_LINES")
  [ -n "${CRA_OUTCOME:-}" ] && args+=(--outcome "$CRA_OUTCOME")
  [ -n "${CRA_DURATION:-}" ] && args+=(--duration "$CRA_DURATION")
else
  echo "::warning title=crash-report-aggregator::No session summary: give the log input, or error-lines (and outcome). The job goes on."
  echo "written=false" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit 0
fi
[ -n "${CRA_APP_VERSION:-}" ] && args+=(--app-version "$CRA_APP_VERSION")
if [ -n "${CRA_RUNTIME:-}" ] && [ -n "${CRA_RUNTIME_VERSION:-}" ]; then args+=(--runtime "$CRA_RUNTIME" --runtime-version "$CRA_RUNTIME_VERSION"); fi
[ -n "${CRA_OPT_OUT_ENV:-}" ] && args+=(--opt-out-env "$CRA_OPT_OUT_ENV")

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node "$here/../bin/crash-report-aggregator.js" "${args[@]}"
code=$?
if [ "$code" -eq 0 ] && [ -s "$out" ]; then
  echo "written=true" >> "${GITHUB_OUTPUT:-/dev/null}"
else
  # Exit 0 and no file: telemetry is off, as the command said. Anything else: say so, and go on.
  [ "$code" -eq 0 ] || echo "::warning title=crash-report-aggregator::No session summary was written (see the line above); the job goes on."
  echo "written=false" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
exit 0
