#!/usr/bin/env python3
"""Write one anonymous crash-report-aggregator session summary for a Python app.

Standard library only. Call `record_session(log_path, app_name, app_version)` when
your application exits, or run this file:

    python3 session_summary.py --log app.log --app my-cli --app-version 1.2.3 --out summaries.jsonl

What is written: session start and end, lines logged, error lines, exception class
names, OS family, OS version, CPU architecture, Python version, CI vendor, and
random UUIDs. Never: IP addresses, user or host names, paths, commands,
arguments, messages or credentials.

Telemetry is off when DO_NOT_TRACK is set (to anything but 0/false), or when the
application's own variable (opt_out_env) is false, 0, no or off.
"""

import argparse
import json
import os
import platform
import re
import sys
import uuid
from datetime import datetime, timezone

LINE = re.compile(
    r"^(?P<ts>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)\W{0,5}(?:\S+\W{1,5})??"
    r"(?P<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)\b"
)
ERROR_LEVELS = {"ERROR", "CRITICAL", "FATAL", "EXCEPTION"}
EXCEPTION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::|$)")
VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
OFF = {"0", "false", "no", "off"}
CI_VARIABLES = [
    ("GITHUB_ACTIONS", "GITHUB_ACTIONS"), ("GITLAB_CI", "GITLAB_CI"), ("CIRCLECI", "CIRCLECI"),
    ("TRAVIS", "TRAVIS"), ("BUILDKITE", "BUILDKITE"), ("JENKINS_URL", "JENKINS"),
    ("TF_BUILD", "AZURE_PIPELINES"), ("BITBUCKET_BUILD_NUMBER", "BITBUCKET"),
    ("TEAMCITY_VERSION", "TEAMCITY"), ("DRONE", "DRONE"), ("APPVEYOR", "APPVEYOR"),
    ("CODEBUILD_BUILD_ID", "AWS_CODEBUILD"), ("CI", "CI"),
]
PLATFORMS = {"linux": "linux", "darwin": "darwin", "windows": "windows", "freebsd": "freebsd"}
ARCHES = {"x86_64": "x64", "amd64": "x64", "arm64": "arm64", "aarch64": "arm64",
          "i386": "x86", "i686": "x86", "x86": "x86", "armv7l": "arm", "armv6l": "arm"}


def opted_out(env, opt_out_env=None):
    """Why telemetry is off, or None when it is on."""
    dnt = env.get("DO_NOT_TRACK", "")
    if dnt and dnt.lower() not in OFF:
        return "DO_NOT_TRACK=" + dnt
    if opt_out_env and env.get(opt_out_env, "").strip().lower() in OFF and opt_out_env in env:
        return opt_out_env + "=" + env[opt_out_env]
    return None


def detect_ci(env):
    for variable, vendor in CI_VARIABLES:
        value = env.get(variable, "")
        if value and value.lower() not in OFF:
            return vendor
    return None


def _iso(stamp):
    text = stamp.replace(" ", "T", 1).replace(",", ".")
    if not re.search(r"(Z|[+-]\d{2}:?\d{2})$", text):
        text += "+00:00"
    text = re.sub(r"Z$", "+00:00", text)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    match = re.match(r"^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(.*)$", text)
    fraction = (match.group(2) or "0")[:6].ljust(6, "0")
    moment = datetime.fromisoformat(match.group(1) + "." + fraction + match.group(3))
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def read_log(text):
    """First and last timestamp, lines, error lines and exception classes; never message text."""
    first = last = None
    lines = errors = 0
    kinds = {}
    in_traceback = False
    for line in text.splitlines():
        if not line.strip():
            continue
        lines += 1
        match = LINE.match(line)
        if match:
            in_traceback = False
            stamp = _iso(match.group("ts"))
            first = stamp if first is None or stamp < first else first
            last = stamp if last is None or stamp > last else last
            if match.group("level").upper() in ERROR_LEVELS:
                errors += 1
            continue
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            errors += 1
            continue
        if in_traceback and not line[:1].isspace():
            in_traceback = False
            kind = EXCEPTION.match(line)
            if kind and len(kind.group(1)) <= 128 and (kind.group(1) in kinds or len(kinds) < 32):
                kinds[kind.group(1)] = kinds.get(kind.group(1), 0) + 1
    if first is None:
        return None
    return {"first": first, "last": last, "lines": lines, "errors": min(errors, lines), "kinds": kinds}


def summarize(log_text, app_name, app_version, env=None, install_id=None):
    env = os.environ if env is None else env
    figures = read_log(log_text)
    if figures is None:
        raise ValueError("the log has no line with a timestamp")
    os_info = {"platform": PLATFORMS.get(platform.system().lower(), "other")}
    release = platform.release()
    if VERSION.match(release or ""):
        os_info["version"] = release
    arch = ARCHES.get(platform.machine().lower())
    if arch:
        os_info["arch"] = arch
    summary = {
        "schema_version": 1,
        "session_id": str(uuid.uuid4()),
        "app": {"name": app_name, "version": app_version},
        "runtime": {"name": "python", "version": platform.python_version()},
        "os": os_info,
        "ci": detect_ci(env),
        "started_at": figures["first"],
        "ended_at": figures["last"],
        "log_lines": figures["lines"],
        "error_lines": figures["errors"],
        "outcome": "error" if figures["errors"] else "ok",
    }
    if install_id:
        summary["install_id"] = install_id
    if figures["kinds"]:
        summary["error_kinds"] = figures["kinds"]
    return summary


def record_session(log_path, app_name, app_version, out_path, opt_out_env=None, install_id=None):
    """Append one summary to out_path; returns it, or None when telemetry is off."""
    if opted_out(os.environ, opt_out_env):
        return None
    with open(log_path, encoding="utf-8") as handle:
        summary = summarize(handle.read(), app_name, app_version, install_id=install_id)
    with open(out_path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(summary, separators=(",", ":")) + "\n")
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write one anonymous session summary.")
    parser.add_argument("--log", required=True)
    parser.add_argument("--app", default="app")
    parser.add_argument("--app-version", default="unknown")
    parser.add_argument("--install-id")
    parser.add_argument("--out")
    parser.add_argument("--print", action="store_true", help="print what would be written, write nothing")
    parser.add_argument("--opt-out-env")
    args = parser.parse_args(argv)
    reason = opted_out(os.environ, args.opt_out_env)
    if reason:
        print("Telemetry is off (%s): no summary written." % reason, file=sys.stderr)
        return 0
    try:
        with open(args.log, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        # Telemetry must never break the application or its CI job: one line, no traceback.
        print("error: cannot read the log %s (%s): no summary written." % (args.log, error.strerror or error), file=sys.stderr)
        return 1
    summary = summarize(text, args.app, args.app_version, install_id=args.install_id)
    if args.print or not args.out:
        print(json.dumps(summary, indent=2))
        return 0
    with open(args.out, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(summary, separators=(",", ":")) + "\n")
    print("Wrote one session summary to %s." % args.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
