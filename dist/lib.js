import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);

// src/generated/summary-fields.ts
var FIELD_TABLE = {
  "fast": true,
  "top": [
    {
      "name": "schema_version",
      "required": true,
      "kind": "const",
      "value": 1
    },
    {
      "name": "session_id",
      "required": true,
      "kind": "uuid"
    },
    {
      "name": "install_id",
      "required": false,
      "kind": "uuid"
    },
    {
      "name": "app",
      "required": true,
      "kind": "object",
      "slots": [
        0,
        1
      ]
    },
    {
      "name": "runtime",
      "required": false,
      "kind": "object",
      "slots": [
        2,
        3
      ]
    },
    {
      "name": "os",
      "required": true,
      "kind": "object",
      "slots": [
        4,
        5,
        6
      ]
    },
    {
      "name": "ci",
      "required": false,
      "kind": "leaf",
      "slot": 7
    },
    {
      "name": "started_at",
      "required": true,
      "kind": "timestamp",
      "max": 40
    },
    {
      "name": "ended_at",
      "required": true,
      "kind": "timestamp",
      "max": 40
    },
    {
      "name": "log_lines",
      "required": true,
      "kind": "count",
      "min": 0,
      "max": 1e12
    },
    {
      "name": "error_lines",
      "required": true,
      "kind": "count",
      "min": 0,
      "max": 1e12
    },
    {
      "name": "outcome",
      "required": false,
      "kind": "outcome",
      "values": [
        "ok",
        "error",
        "crash"
      ]
    },
    {
      "name": "error_kinds",
      "required": false,
      "kind": "kinds",
      "dotted": true,
      "first": [
        0,
        0,
        2281701374,
        134217726
      ],
      "rest": [
        0,
        67043328,
        2281701374,
        134217726
      ],
      "minLength": 1,
      "maxLength": 128,
      "maxKinds": 32,
      "forbidden": [
        "__proto__",
        "constructor",
        "prototype"
      ],
      "min": 1,
      "max": 1e9
    }
  ],
  "configs": [
    {
      "path": "app.name",
      "parent": "app",
      "key": "name",
      "slot": 0,
      "required": true,
      "parentRequired": true,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67067904,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "app.version",
      "parent": "app",
      "key": "version",
      "slot": 1,
      "required": true,
      "parentRequired": true,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67069952,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "runtime.name",
      "parent": "runtime",
      "key": "name",
      "slot": 2,
      "required": true,
      "parentRequired": false,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67067904,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "runtime.version",
      "parent": "runtime",
      "key": "version",
      "slot": 3,
      "required": true,
      "parentRequired": false,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67069952,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "os.platform",
      "parent": "os",
      "key": "platform",
      "slot": 4,
      "required": true,
      "parentRequired": true,
      "pattern": null,
      "minLength": 0,
      "maxLength": null,
      "kind": "enum",
      "nullable": false,
      "values": [
        "linux",
        "darwin",
        "windows",
        "freebsd",
        "other"
      ],
      "first": [],
      "rest": [],
      "min": 0,
      "max": 0
    },
    {
      "path": "os.version",
      "parent": "os",
      "key": "version",
      "slot": 5,
      "required": false,
      "parentRequired": true,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67069952,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "os.arch",
      "parent": "os",
      "key": "arch",
      "slot": 6,
      "required": false,
      "parentRequired": true,
      "pattern": null,
      "minLength": 0,
      "maxLength": null,
      "kind": "enum",
      "nullable": false,
      "values": [
        "x64",
        "arm64",
        "x86",
        "arm",
        "other"
      ],
      "first": [],
      "rest": [],
      "min": 0,
      "max": 0
    },
    {
      "path": "ci",
      "parent": null,
      "key": "ci",
      "slot": 7,
      "required": false,
      "parentRequired": true,
      "pattern": "^[A-Z][A-Z0-9_]{1,31}$",
      "minLength": 2,
      "maxLength": 32,
      "kind": "string",
      "nullable": true,
      "values": [],
      "first": [
        0,
        0,
        134217726,
        0
      ],
      "rest": [
        0,
        67043328,
        2281701374,
        0
      ],
      "min": 2,
      "max": 32
    }
  ],
  "groupable": [
    "app.name",
    "app.version",
    "runtime.name",
    "runtime.version",
    "os.platform",
    "os.version",
    "os.arch",
    "ci",
    "outcome",
    "error_kind"
  ],
  "hash": "2e895da348ba"
};

// src/records/field-table.ts
var CONFIG_FIELDS = FIELD_TABLE.configs;
var OUTCOME_VALUES = FIELD_TABLE.top.flatMap(
  (field) => field.kind === "outcome" ? field.values : []
);
var FIELDS_HASH = FIELD_TABLE.hash;

// src/intake/formats/derived-id.ts
import { createHash } from "node:crypto";
function derivedUuid(...parts) {
  const hex = createHash("sha256").update(parts.join("\0")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${(parseInt(hex[16], 16) & 3 | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// src/intake/formats/platforms.ts
var PLATFORMS = {
  linux: "linux",
  ubuntu: "linux",
  debian: "linux",
  centos: "linux",
  rhel: "linux",
  redhat: "linux",
  fedora: "linux",
  amazon: "linux",
  amzn: "linux",
  alpine: "linux",
  arch: "linux",
  opensuse: "linux",
  suse: "linux",
  darwin: "darwin",
  mac: "darwin",
  macos: "darwin",
  osx: "darwin",
  windows: "windows",
  win32: "windows",
  win: "windows",
  freebsd: "freebsd"
};
var ARCHES = {
  amd64: "x64",
  x86_64: "x64",
  x64: "x64",
  arm64: "arm64",
  aarch64: "arm64",
  "386": "x86",
  i386: "x86",
  i686: "x86",
  x86: "x86",
  ia32: "x86",
  arm: "arm",
  armv7l: "arm",
  armv6l: "arm"
};
function mapPlatform(value) {
  return typeof value === "string" ? PLATFORMS[value.trim().toLowerCase()] ?? "other" : "other";
}
function mapArch(value) {
  if (typeof value !== "string" || value.trim() === "") return null;
  return ARCHES[value.trim().toLowerCase()] ?? "other";
}

// src/intake/formats/record-shape.ts
var RECORD_FORMATS = ["session-summary", "hasura-cli", "segment"];
var FORMATS = ["auto", ...RECORD_FORMATS, "log"];

// src/intake/formats/adapt-record.ts
var TOP_NAMES = new Set(FIELD_TABLE.top.map((field) => field.name));
var KEYS_OF = new Map(
  CONFIG_FIELDS.filter((field) => field.parent !== null).map((field) => [
    field.parent,
    new Set(CONFIG_FIELDS.filter((other) => other.parent === field.parent).map((other) => other.key))
  ])
);
function summaryFromLog(figures, contentKey, settings) {
  return {
    schema_version: 1,
    session_id: derivedUuid("log", contentKey),
    app: { name: settings.appName ?? "app", version: settings.appVersion ?? "unknown" },
    os: { platform: "other" },
    started_at: figures.firstAt,
    ended_at: figures.lastAt,
    log_lines: figures.lines,
    error_lines: figures.errorLines,
    outcome: figures.errorLines > 0 ? "error" : "ok",
    ...Object.keys(figures.errorKinds).length > 0 ? { error_kinds: figures.errorKinds } : {}
  };
}

// src/intake/formats/session-log.ts
var DEFAULT_LOG_PATTERN = "^(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\W{0,5}(?:\\S+\\W{1,5})??(?<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)\\b";
var ERROR_LEVELS = /* @__PURE__ */ new Set([
  "ERROR",
  "ERR",
  "CRITICAL",
  "CRIT",
  "FATAL",
  "EXCEPTION",
  "PANIC",
  "ALERT",
  "EMERG",
  "EMERGENCY",
  "SEVERE"
]);
var NUMERIC_ERROR_LEVEL = 50;
var PANIC = /^(?:panic: |fatal error: |thread '[^']*' panicked at )/;
var ANSI = /\x1b\[[0-9;]*m/g;
function isErrorLevel(level) {
  if (!level) return false;
  const bare = level.trim().replace(/^"|"$/g, "");
  if (/^\d+$/.test(bare)) return Number(bare) >= NUMERIC_ERROR_LEVEL;
  return ERROR_LEVELS.has(bare.toUpperCase());
}
var TRACEBACK = /^Traceback \(most recent call last\):/;
var EXCEPTION_LINE = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::|$)/;
var MAX_ERROR_KINDS = 32;
var LogPatternError = class extends Error {
};
function compileLogPattern(source) {
  let pattern;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new LogPatternError(
      `is not a regular expression (${error instanceof Error ? error.message : String(error)})`
    );
  }
  if (!source.includes("(?<ts>") || !source.includes("(?<level>"))
    throw new LogPatternError("needs the named groups (?<ts>...) and (?<level>...)");
  return pattern;
}
function toIso(stamp) {
  const bare = stamp.trim().replace(/^"|"$/g, "");
  if (/^\d{13}$/.test(bare) || /^\d{10}(?:\.\d+)?$/.test(bare)) {
    const time2 = bare.length === 13 ? Number(bare) : Math.round(Number(bare) * 1e3);
    return Number.isFinite(time2) ? new Date(time2).toISOString() : null;
  }
  let text = bare.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, "$1-$2-$3").replace(" ", "T").replace(",", ".");
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += "Z";
  text = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
function readLog(text, pattern = compileLogPattern(DEFAULT_LOG_PATTERN)) {
  let first = null;
  let last = null;
  let lines = 0;
  let errorLines = 0;
  const errorKinds = /* @__PURE__ */ new Map();
  let inTraceback = false;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "") continue;
    const line = raw.includes("\x1B[") ? raw.replace(ANSI, "") : raw;
    lines += 1;
    const match = pattern.exec(line);
    const stamp = match?.groups?.["ts"];
    if (match && stamp) {
      inTraceback = false;
      const iso = toIso(stamp);
      if (iso) {
        if (first === null || iso < first) first = iso;
        if (last === null || iso > last) last = iso;
      }
      if (isErrorLevel(match.groups?.["level"])) errorLines += 1;
      continue;
    }
    if (PANIC.test(line)) {
      errorLines += 1;
      errorKinds.set("panic", (errorKinds.get("panic") ?? 0) + 1);
      continue;
    }
    if (TRACEBACK.test(line)) {
      inTraceback = true;
      errorLines += 1;
      continue;
    }
    if (inTraceback && !/^\s/.test(line)) {
      inTraceback = false;
      const kind = EXCEPTION_LINE.exec(line)?.[1];
      if (kind && kind.length <= 128 && (errorKinds.has(kind) || errorKinds.size < MAX_ERROR_KINDS))
        errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    }
  }
  if (first === null || last === null) return null;
  return {
    firstAt: first,
    lastAt: last,
    lines,
    errorLines: Math.min(errorLines, lines),
    errorKinds: Object.fromEntries(errorKinds)
  };
}

// src/intake/formats/log-presets.ts
var jsonKey = (keys, group) => `(?=.*"(?:${keys})"\\s*:\\s*"?(?<${group}>[^",}]+))`;
var LOG_PRESETS = {
  python: {
    example: "2026-11-20 10:00:00,123 ERROR app: failed",
    pattern: DEFAULT_LOG_PATTERN
  },
  "go-slog": {
    example: 'time=2026-11-20T10:00:00.123Z level=ERROR msg="failed" err="\u2026"',
    pattern: "^(?=.*\\btime=(?<ts>\\S+))(?=.*\\blevel=(?<level>[A-Za-z]+))"
  },
  "go-slog-json": {
    example: '{"time":"2026-11-20T10:00:00.123Z","level":"ERROR","msg":"failed"}',
    pattern: `^\\s*\\{${jsonKey("time", "ts")}${jsonKey("level", "level")}`
  },
  "go-log": {
    example: "2026/11/20 10:00:00 error: failed (the standard library log: no level, so a line is an error when it says error, fatal or panic)",
    pattern: "^(?<ts>\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(?:.*?\\b(?<level>[Ee]rror|ERROR|[Ff]atal|FATAL|[Pp]anic|PANIC)\\b)?"
  },
  "rust-env-logger": {
    example: "[2026-11-20T10:00:00Z ERROR my_crate::net] failed",
    pattern: "^\\[(?<ts>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))\\s+(?<level>ERROR|WARN|INFO|DEBUG|TRACE)\\b"
  },
  "rust-tracing": {
    example: "2026-11-20T10:00:00.123456Z ERROR my_crate::net: failed",
    pattern: "^(?<ts>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2}))\\s+(?<level>ERROR|WARN|INFO|DEBUG|TRACE)\\b"
  },
  pino: {
    example: '{"level":50,"time":1795168800123,"pid":4242,"msg":"failed"} (bunyan too: "time" as an ISO string)',
    pattern: `^\\s*\\{${jsonKey("time", "ts")}${jsonKey("level", "level")}`
  }
};
function presetPattern(name) {
  return Object.hasOwn(LOG_PRESETS, name) ? LOG_PRESETS[name].pattern : null;
}
var PRESET_NAMES = Object.keys(LOG_PRESETS);

// src/records/privacy-guard.ts
import { isIPv6 } from "node:net";

// src/records/secret-shapes.ts
var VENDOR_TOKENS = [
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/,
  // Stripe secret, restricted and publishable keys
  /\bwhsec_[A-Za-z0-9]{24,}/,
  // Stripe webhook secrets
  /\bnpm_[A-Za-z0-9]{36}\b/,
  // npm access tokens
  /\bhf_[A-Za-z]{30,}/,
  // Hugging Face tokens
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  // GitLab personal access tokens
  /\bgl(?:dt|ptt|rt|cbt|imt|agent|oas|soat)-[A-Za-z0-9_-]{20,}/,
  // other GitLab tokens
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/,
  // OpenAI keys
  /\bsk-ant-[A-Za-z0-9_-]{32,}/,
  // Anthropic keys
  /\bAIza[0-9A-Za-z_-]{35}/,
  // Google API keys
  /\bya29\.[0-9A-Za-z_-]{30,}/,
  // Google OAuth access tokens
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{20,}/,
  // SendGrid keys
  /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/,
  // Shopify tokens
  /\bpypi-AgE[A-Za-z0-9_-]{40,}/,
  // PyPI upload tokens
  /\bdop_v1_[a-f0-9]{64}\b/,
  // DigitalOcean tokens
  /\bdapi[a-f0-9]{32}\b/,
  // Databricks tokens
  /\bkey-[0-9a-zA-Z]{32}\b/,
  // Mailgun keys
  /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,}/,
  // Square tokens
  /\bSK[0-9a-fA-F]{32}\b/,
  // Twilio API keys
  /\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{32,}/,
  // Slack app tokens
  /\bAccountKey=[A-Za-z0-9+/]{40,}={0,2}/,
  // Azure storage connection strings
  /\bdckr_pat_[A-Za-z0-9_-]{20,}/,
  // Docker Hub tokens
  /\bnpm_[A-Za-z0-9]{20,}/,
  // npm tokens of other lengths
  /\b(?:ATATT|ATCTT)3[A-Za-z0-9_=-]{30,}/,
  // Atlassian API tokens
  /\bglc_[A-Za-z0-9+/]{32,}={0,2}/,
  // Grafana cloud tokens
  /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/
  // Airtable tokens
];
var ANY_VENDOR_TOKEN = new RegExp(VENDOR_TOKENS.map((pattern) => `(?:${pattern.source})`).join("|"));
function entropyBits(text) {
  const counts = /* @__PURE__ */ new Map();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}
var RANDOM_MIN_LENGTH = 20;
var HASH_LENGTHS = /* @__PURE__ */ new Set([40, 64]);
function looksRandom(token) {
  const core = token.replace(/^[-_+/=]+|[-_+/=]+$/g, "");
  if (core.length < RANDOM_MIN_LENGTH) return false;
  let lower = 0;
  let upper = 0;
  let digits = 0;
  let other = 0;
  let letterDigitSwitches = 0;
  let caseSwitches = 0;
  let previous = "";
  for (const char of core) {
    const kind = char >= "a" && char <= "z" ? "l" : char >= "A" && char <= "Z" ? "u" : char >= "0" && char <= "9" ? "d" : "o";
    if (kind === "l") lower += 1;
    else if (kind === "u") upper += 1;
    else if (kind === "d") digits += 1;
    else other += 1;
    if (previous !== "" && kind !== "o" && previous !== "o" && kind !== previous) {
      if (kind === "d" || previous === "d") letterDigitSwitches += 1;
      else caseSwitches += 1;
    }
    previous = kind;
  }
  const letters = lower + upper;
  if (/^[0-9a-fA-F]+$/.test(core)) {
    return !HASH_LENGTHS.has(core.length) && core.length >= 24 && digits > 0 && letters > 0 && !(lower > 0 && upper > 0);
  }
  if (entropyBits(core) < 3.5) return false;
  if (digits >= 3 && letters >= 6 && letterDigitSwitches >= 6) return true;
  const upperShare = letters === 0 ? 0 : upper / letters;
  const lowerRuns = core.match(/[a-z]+/g) ?? [];
  const single = lowerRuns.length - (core.match(/[a-z]{2,}/g) ?? []).length - (core.match(SHORT_WORDS) ?? []).length;
  const choppy = single >= 3 && single >= 0.3 * lowerRuns.length || single >= 1 && letterDigitSwitches >= 2;
  return letters >= RANDOM_MIN_LENGTH - other && upperShare >= 0.25 && upperShare <= 0.75 && caseSwitches >= 6 && choppy;
}
var TOKEN_RUN = /[A-Za-z0-9_+/=-]{20,}/g;
var SHORT_WORDS = /(?:Of|Is|On|In|At|To|By|Or|An|As|Up|Io|Os|Id|No|If|Do|Go|Ok)(?=[A-Z0-9]|$)/g;
function secretRuleFor(value) {
  if (value.length < 12) return null;
  if (ANY_VENDOR_TOKEN.test(value)) return "vendor-token";
  if (value.length < RANDOM_MIN_LENGTH) return null;
  for (const run of value.match(TOKEN_RUN) ?? []) {
    const pieces = run.split(/[-_+/=]/);
    for (const piece of pieces) if (looksRandom(piece)) return "random-token";
    if (/[+/]/.test(run) && !pieces.some((piece) => /^g?[0-9a-fA-F]{7,}$/.test(piece)) && looksRandom(run.replace(/[-_]/g, "")))
      return "random-token";
  }
  return null;
}

// src/records/privacy-guard.ts
var OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var IPV6_CANDIDATE = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;
function holdsIpv6(value) {
  for (const candidate of value.match(IPV6_CANDIDATE) ?? []) {
    const groups = candidate.split(":").filter((group) => group.length > 0).length;
    if (groups >= 3 && isIPv6(candidate)) return true;
  }
  return false;
}
function hasAtLeast(value, char, count) {
  let seen = 0;
  for (let i = value.indexOf(char); i !== -1; i = value.indexOf(char, i + 1)) if (++seen >= count) return true;
  return false;
}
var RULES = [
  // Before e-mail: "user:password@host" would read as an address otherwise.
  ["url-credentials", (v) => v.includes("://") && v.includes("@"), /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/],
  // Local part: RFC 5322 atext and dots.
  ["email", (v) => v.includes("@"), /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  [
    "ipv4",
    (v) => v.length >= 7 && hasAtLeast(v, ".", 3),
    new RegExp(`(?<![\\d.])${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?![\\d]|\\.\\d)`)
  ],
  ["ipv6", (v) => v.includes("::") || hasAtLeast(v, ":", 7), holdsIpv6],
  ["github-token", (v) => v.includes("_"), /(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/],
  ["aws-key", (v) => v.includes("AKIA") || v.includes("ASIA"), /(?:AKIA|ASIA)[0-9A-Z]{16}/],
  ["slack-token", (v) => v.includes("xox"), /xox[abposr]-[A-Za-z0-9-]{8,}/],
  ["jwt", (v) => v.includes("eyJ"), /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
  [
    "bearer-token",
    (v) => v.length > 14 && (v.includes("earer") || v.includes("EARER")),
    /Bearer\s+[A-Za-z0-9._~+/-]{8,}=*/i
  ],
  [
    "pem-block",
    (v) => v.includes("-----BEGIN"),
    /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE|PUBLIC KEY)[A-Z ]*-----/
  ],
  [
    "home-path",
    (v) => v.includes("/") || v.includes("\\"),
    /(?:^|[\s"'=(:])(?:\/home\/|\/Users\/|\/root\/|[A-Za-z]:\\{1,2}Users\\{1,2}|~\/)[^\s/\\]+/i
  ]
];
function privacyRuleFor(value) {
  for (const [rule, could, test] of RULES) {
    if (could(value) && (typeof test === "function" ? test(value) : test.test(value))) return rule;
  }
  return secretRuleFor(value);
}
function escapeSegment(key) {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
function search(node, skipKeys) {
  if (typeof node === "string") {
    const rule = privacyRuleFor(node);
    return rule ? { segments: [], rule } : null;
  }
  if (node === null || typeof node !== "object") return null;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      const found = search(node[index], skipKeys);
      if (found) {
        found.segments.push(String(index));
        return found;
      }
    }
    return null;
  }
  for (const key in node) {
    if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
    if (!skipKeys.has(key)) {
      const rule = privacyRuleFor(key);
      if (rule) return { segments: [escapeSegment(key)], rule };
    }
    const found = search(node[key], skipKeys);
    if (found) {
      found.segments.push(escapeSegment(key));
      return found;
    }
  }
  return null;
}
function findPrivateData(value, safePath2, knownKeys = /* @__PURE__ */ new Set()) {
  const found = search(value, knownKeys);
  if (!found) return null;
  return {
    path: safePath2(found.segments.length > 0 ? `/${found.segments.reverse().join("/")}` : ""),
    rule: found.rule
  };
}

// schema/session-summary.v1.json
var session_summary_v1_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://crash-report-aggregator.dev/schema/session-summary.v1.json",
  title: "Session summary, version 1",
  description: "One anonymous summary of one application session: how long it ran, how much it logged, how much of that was errors, and on which configuration. There is deliberately no place for identity, credentials, commands, arguments or messages.",
  type: "object",
  additionalProperties: false,
  required: [
    "schema_version",
    "session_id",
    "app",
    "os",
    "started_at",
    "ended_at",
    "log_lines",
    "error_lines"
  ],
  properties: {
    schema_version: {
      const: 1
    },
    session_id: {
      $ref: "#/$defs/uuid",
      description: "Random per session; used only to count a re-uploaded session once."
    },
    install_id: {
      $ref: "#/$defs/uuid",
      description: "Random per installation; tells one noisy machine from a trend."
    },
    app: {
      type: "object",
      additionalProperties: false,
      required: [
        "name",
        "version"
      ],
      properties: {
        name: {
          $ref: "#/$defs/name"
        },
        version: {
          $ref: "#/$defs/version"
        }
      }
    },
    runtime: {
      type: "object",
      additionalProperties: false,
      required: [
        "name",
        "version"
      ],
      properties: {
        name: {
          $ref: "#/$defs/name"
        },
        version: {
          $ref: "#/$defs/version"
        }
      }
    },
    os: {
      type: "object",
      additionalProperties: false,
      required: [
        "platform"
      ],
      properties: {
        platform: {
          enum: [
            "linux",
            "darwin",
            "windows",
            "freebsd",
            "other"
          ]
        },
        version: {
          $ref: "#/$defs/version"
        },
        arch: {
          enum: [
            "x64",
            "arm64",
            "x86",
            "arm",
            "other"
          ]
        }
      }
    },
    ci: {
      description: "CI vendor name such as GITHUB_ACTIONS, or null outside CI.",
      type: [
        "string",
        "null"
      ],
      minLength: 2,
      maxLength: 32,
      pattern: "^[A-Z][A-Z0-9_]{1,31}$"
    },
    started_at: {
      $ref: "#/$defs/timestamp"
    },
    ended_at: {
      $ref: "#/$defs/timestamp"
    },
    log_lines: {
      $ref: "#/$defs/count",
      description: "Session size: lines logged in the session."
    },
    error_lines: {
      $ref: "#/$defs/count",
      description: "Error lines logged in the session; never more than log_lines."
    },
    outcome: {
      enum: [
        "ok",
        "error",
        "crash"
      ]
    },
    error_kinds: {
      description: "Exception class name to how often it was raised. Class names only, never messages.",
      type: "object",
      maxProperties: 32,
      propertyNames: {
        type: "string",
        maxLength: 128,
        pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$",
        not: {
          enum: [
            "__proto__",
            "constructor",
            "prototype"
          ]
        }
      },
      additionalProperties: {
        type: "integer",
        minimum: 1,
        maximum: 1e9
      }
    }
  },
  $defs: {
    uuid: {
      type: "string",
      minLength: 36,
      maxLength: 36,
      pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    },
    name: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    },
    version: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"
    },
    timestamp: {
      type: "string",
      format: "date-time",
      maxLength: 40,
      pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
    },
    count: {
      type: "integer",
      minimum: 0,
      maximum: 1e12
    }
  }
};

// src/records/timestamp.ts
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
var DAY_MS = 864e5;
var COLON = 58;
function two(b, at) {
  const high = b[at] - 48;
  const low = b[at + 1] - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
var monthYear = 1970;
var monthNumber = 1;
var monthLength = 31;
var monthStart = 0;
function startMonth(year, month) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  monthYear = year;
  monthNumber = month;
  monthLength = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  monthStart = daysFromCivil(year, month, 1);
}
function timestampMs(b, start, end) {
  const s = start;
  if (end - s < 20) return Number.NaN;
  const century = two(b, s);
  const yearOfCentury = two(b, s + 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = two(b, s + 5);
  const day = two(b, s + 8);
  const hour = two(b, s + 11);
  const minute = two(b, s + 14);
  const second = two(b, s + 17);
  const separator = b[s + 10];
  if (year < 0 || b[s + 4] !== 45 || b[s + 7] !== 45 || separator !== 84 && separator !== 116 && separator !== 32)
    return Number.NaN;
  if (b[s + 13] !== COLON || b[s + 16] !== COLON || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Number.NaN;
  if (year !== monthYear || month !== monthNumber) startMonth(year, month);
  if (day > monthLength) return Number.NaN;
  let at = s + 19;
  let millis = 0;
  if (b[at] === 46) {
    const from = at + 1;
    for (at = from; at < end && b[at] >= 48 && b[at] <= 57; at += 1) {
      if (at - from < 3) millis += (b[at] - 48) * (at === from ? 100 : at === from + 1 ? 10 : 1);
    }
    if (at === from || at - from > 9) return Number.NaN;
  }
  if (at >= end) return Number.NaN;
  const zone = b[at];
  let offset = 0;
  if (zone === 90 || zone === 122) {
    at += 1;
  } else if (zone === 43 || zone === 45) {
    if (at + 6 > end || b[at + 3] !== COLON) return Number.NaN;
    const hours = two(b, at + 1);
    const minutes = two(b, at + 4);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    offset = (hours * 60 + minutes) * 6e4 * (zone === 43 ? 1 : -1);
    at += 6;
  } else {
    return Number.NaN;
  }
  if (at !== end) return Number.NaN;
  return (monthStart + day - 1) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1e3 + millis - offset;
}
var scratch = new Uint8Array(64);
function parseTimestamp(text) {
  if (text.length < 20 || text.length > 40) return Number.NaN;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 127) return Number.NaN;
    scratch[i] = code;
  }
  return timestampMs(scratch, 0, text.length);
}
function isDateTime(text) {
  return !Number.isNaN(parseTimestamp(text));
}

// src/records/validator-runtime.ts
var summaryFormats = { "date-time": { type: "string", validate: isDateTime } };
function codePointLength(text) {
  let length = 0;
  for (let at = 0; at < text.length; length += 1) {
    const unit = text.charCodeAt(at);
    at += unit >= 55296 && unit <= 56319 && at + 1 < text.length && (text.charCodeAt(at + 1) & 64512) === 56320 ? 2 : 1;
  }
  return length;
}

// src/generated/summary-validator.ts
var summary_validator_default = validate20;
var schema31 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://crash-report-aggregator.dev/schema/session-summary.v1.json", "title": "Session summary, version 1", "description": "One anonymous summary of one application session: how long it ran, how much it logged, how much of that was errors, and on which configuration. There is deliberately no place for identity, credentials, commands, arguments or messages.", "type": "object", "additionalProperties": false, "required": ["schema_version", "session_id", "app", "os", "started_at", "ended_at", "log_lines", "error_lines"], "properties": { "schema_version": { "const": 1 }, "session_id": { "$ref": "#/$defs/uuid", "description": "Random per session; used only to count a re-uploaded session once." }, "install_id": { "$ref": "#/$defs/uuid", "description": "Random per installation; tells one noisy machine from a trend." }, "app": { "type": "object", "additionalProperties": false, "required": ["name", "version"], "properties": { "name": { "$ref": "#/$defs/name" }, "version": { "$ref": "#/$defs/version" } } }, "runtime": { "type": "object", "additionalProperties": false, "required": ["name", "version"], "properties": { "name": { "$ref": "#/$defs/name" }, "version": { "$ref": "#/$defs/version" } } }, "os": { "type": "object", "additionalProperties": false, "required": ["platform"], "properties": { "platform": { "enum": ["linux", "darwin", "windows", "freebsd", "other"] }, "version": { "$ref": "#/$defs/version" }, "arch": { "enum": ["x64", "arm64", "x86", "arm", "other"] } } }, "ci": { "description": "CI vendor name such as GITHUB_ACTIONS, or null outside CI.", "type": ["string", "null"], "minLength": 2, "maxLength": 32, "pattern": "^[A-Z][A-Z0-9_]{1,31}$" }, "started_at": { "$ref": "#/$defs/timestamp" }, "ended_at": { "$ref": "#/$defs/timestamp" }, "log_lines": { "$ref": "#/$defs/count", "description": "Session size: lines logged in the session." }, "error_lines": { "$ref": "#/$defs/count", "description": "Error lines logged in the session; never more than log_lines." }, "outcome": { "enum": ["ok", "error", "crash"] }, "error_kinds": { "description": "Exception class name to how often it was raised. Class names only, never messages.", "type": "object", "maxProperties": 32, "propertyNames": { "type": "string", "maxLength": 128, "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "not": { "enum": ["__proto__", "constructor", "prototype"] } }, "additionalProperties": { "type": "integer", "minimum": 1, "maximum": 1e9 } } }, "$defs": { "uuid": { "type": "string", "minLength": 36, "maxLength": 36, "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "name": { "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" }, "version": { "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, "timestamp": { "type": "string", "format": "date-time", "maxLength": 40, "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$" }, "count": { "type": "integer", "minimum": 0, "maximum": 1e12 } } };
var func1 = Object.prototype.hasOwnProperty;
var func2 = codePointLength;
var pattern4 = new RegExp("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "");
var pattern6 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", "");
var pattern7 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$", "");
var pattern11 = new RegExp("^[A-Z][A-Z0-9_]{1,31}$", "");
var pattern12 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", "");
var pattern14 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "");
var formats0 = summaryFormats["date-time"];
function validate20(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.schema_version === void 0 && (missing0 = "schema_version") || data.session_id === void 0 && (missing0 = "session_id") || data.app === void 0 && (missing0 = "app") || data.os === void 0 && (missing0 = "os") || data.started_at === void 0 && (missing0 = "started_at") || data.ended_at === void 0 && (missing0 = "ended_at") || data.log_lines === void 0 && (missing0 = "log_lines") || data.error_lines === void 0 && (missing0 = "error_lines")) {
        validate20.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        const _errs1 = errors;
        for (const key0 in data) {
          if (!func1.call(schema31.properties, key0)) {
            validate20.errors = [{ instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" }];
            return false;
            break;
          }
        }
        if (_errs1 === errors) {
          if (data.schema_version !== void 0) {
            const _errs2 = errors;
            if (1 !== data.schema_version) {
              validate20.errors = [{ instancePath: instancePath + "/schema_version", schemaPath: "#/properties/schema_version/const", keyword: "const", params: { allowedValue: 1 }, message: "must be equal to constant" }];
              return false;
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.session_id !== void 0) {
              let data1 = data.session_id;
              const _errs3 = errors;
              const _errs4 = errors;
              if (errors === _errs4) {
                if (typeof data1 === "string") {
                  if (func2(data1) > 36) {
                    validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/maxLength", keyword: "maxLength", params: { limit: 36 }, message: "must NOT have more than 36 characters" }];
                    return false;
                  } else {
                    if (func2(data1) < 36) {
                      validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/minLength", keyword: "minLength", params: { limit: 36 }, message: "must NOT have fewer than 36 characters" }];
                      return false;
                    } else {
                      if (!pattern4.test(data1)) {
                        validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: 'must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"' }];
                        return false;
                      }
                    }
                  }
                } else {
                  validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                  return false;
                }
              }
              var valid0 = _errs3 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.install_id !== void 0) {
                let data2 = data.install_id;
                const _errs6 = errors;
                const _errs7 = errors;
                if (errors === _errs7) {
                  if (typeof data2 === "string") {
                    if (func2(data2) > 36) {
                      validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/maxLength", keyword: "maxLength", params: { limit: 36 }, message: "must NOT have more than 36 characters" }];
                      return false;
                    } else {
                      if (func2(data2) < 36) {
                        validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/minLength", keyword: "minLength", params: { limit: 36 }, message: "must NOT have fewer than 36 characters" }];
                        return false;
                      } else {
                        if (!pattern4.test(data2)) {
                          validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: 'must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"' }];
                          return false;
                        }
                      }
                    }
                  } else {
                    validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                    return false;
                  }
                }
                var valid0 = _errs6 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.app !== void 0) {
                  let data3 = data.app;
                  const _errs9 = errors;
                  if (errors === _errs9) {
                    if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                      let missing1;
                      if (data3.name === void 0 && (missing1 = "name") || data3.version === void 0 && (missing1 = "version")) {
                        validate20.errors = [{ instancePath: instancePath + "/app", schemaPath: "#/properties/app/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                        return false;
                      } else {
                        const _errs11 = errors;
                        for (const key1 in data3) {
                          if (!(key1 === "name" || key1 === "version")) {
                            validate20.errors = [{ instancePath: instancePath + "/app", schemaPath: "#/properties/app/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" }];
                            return false;
                            break;
                          }
                        }
                        if (_errs11 === errors) {
                          if (data3.name !== void 0) {
                            let data4 = data3.name;
                            const _errs12 = errors;
                            const _errs13 = errors;
                            if (errors === _errs13) {
                              if (typeof data4 === "string") {
                                if (func2(data4) > 64) {
                                  validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                  return false;
                                } else {
                                  if (func2(data4) < 1) {
                                    validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                    return false;
                                  } else {
                                    if (!pattern6.test(data4)) {
                                      validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"' }];
                                      return false;
                                    }
                                  }
                                }
                              } else {
                                validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                            }
                            var valid3 = _errs12 === errors;
                          } else {
                            var valid3 = true;
                          }
                          if (valid3) {
                            if (data3.version !== void 0) {
                              let data5 = data3.version;
                              const _errs15 = errors;
                              const _errs16 = errors;
                              if (errors === _errs16) {
                                if (typeof data5 === "string") {
                                  if (func2(data5) > 64) {
                                    validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                    return false;
                                  } else {
                                    if (func2(data5) < 1) {
                                      validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                      return false;
                                    } else {
                                      if (!pattern7.test(data5)) {
                                        validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"' }];
                                        return false;
                                      }
                                    }
                                  }
                                } else {
                                  validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid3 = _errs15 === errors;
                            } else {
                              var valid3 = true;
                            }
                          }
                        }
                      }
                    } else {
                      validate20.errors = [{ instancePath: instancePath + "/app", schemaPath: "#/properties/app/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                      return false;
                    }
                  }
                  var valid0 = _errs9 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.runtime !== void 0) {
                    let data6 = data.runtime;
                    const _errs18 = errors;
                    if (errors === _errs18) {
                      if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                        let missing2;
                        if (data6.name === void 0 && (missing2 = "name") || data6.version === void 0 && (missing2 = "version")) {
                          validate20.errors = [{ instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/required", keyword: "required", params: { missingProperty: missing2 }, message: "must have required property '" + missing2 + "'" }];
                          return false;
                        } else {
                          const _errs20 = errors;
                          for (const key2 in data6) {
                            if (!(key2 === "name" || key2 === "version")) {
                              validate20.errors = [{ instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" }];
                              return false;
                              break;
                            }
                          }
                          if (_errs20 === errors) {
                            if (data6.name !== void 0) {
                              let data7 = data6.name;
                              const _errs21 = errors;
                              const _errs22 = errors;
                              if (errors === _errs22) {
                                if (typeof data7 === "string") {
                                  if (func2(data7) > 64) {
                                    validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                    return false;
                                  } else {
                                    if (func2(data7) < 1) {
                                      validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                      return false;
                                    } else {
                                      if (!pattern6.test(data7)) {
                                        validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"' }];
                                        return false;
                                      }
                                    }
                                  }
                                } else {
                                  validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid6 = _errs21 === errors;
                            } else {
                              var valid6 = true;
                            }
                            if (valid6) {
                              if (data6.version !== void 0) {
                                let data8 = data6.version;
                                const _errs24 = errors;
                                const _errs25 = errors;
                                if (errors === _errs25) {
                                  if (typeof data8 === "string") {
                                    if (func2(data8) > 64) {
                                      validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                      return false;
                                    } else {
                                      if (func2(data8) < 1) {
                                        validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                        return false;
                                      } else {
                                        if (!pattern7.test(data8)) {
                                          validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"' }];
                                          return false;
                                        }
                                      }
                                    }
                                  } else {
                                    validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                    return false;
                                  }
                                }
                                var valid6 = _errs24 === errors;
                              } else {
                                var valid6 = true;
                              }
                            }
                          }
                        }
                      } else {
                        validate20.errors = [{ instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                        return false;
                      }
                    }
                    var valid0 = _errs18 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.os !== void 0) {
                      let data9 = data.os;
                      const _errs27 = errors;
                      if (errors === _errs27) {
                        if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
                          let missing3;
                          if (data9.platform === void 0 && (missing3 = "platform")) {
                            validate20.errors = [{ instancePath: instancePath + "/os", schemaPath: "#/properties/os/required", keyword: "required", params: { missingProperty: missing3 }, message: "must have required property '" + missing3 + "'" }];
                            return false;
                          } else {
                            const _errs29 = errors;
                            for (const key3 in data9) {
                              if (!(key3 === "platform" || key3 === "version" || key3 === "arch")) {
                                validate20.errors = [{ instancePath: instancePath + "/os", schemaPath: "#/properties/os/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" }];
                                return false;
                                break;
                              }
                            }
                            if (_errs29 === errors) {
                              if (data9.platform !== void 0) {
                                let data10 = data9.platform;
                                const _errs30 = errors;
                                if (!(data10 === "linux" || data10 === "darwin" || data10 === "windows" || data10 === "freebsd" || data10 === "other")) {
                                  validate20.errors = [{ instancePath: instancePath + "/os/platform", schemaPath: "#/properties/os/properties/platform/enum", keyword: "enum", params: { allowedValues: schema31.properties.os.properties.platform.enum }, message: "must be equal to one of the allowed values" }];
                                  return false;
                                }
                                var valid9 = _errs30 === errors;
                              } else {
                                var valid9 = true;
                              }
                              if (valid9) {
                                if (data9.version !== void 0) {
                                  let data11 = data9.version;
                                  const _errs31 = errors;
                                  const _errs32 = errors;
                                  if (errors === _errs32) {
                                    if (typeof data11 === "string") {
                                      if (func2(data11) > 64) {
                                        validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                        return false;
                                      } else {
                                        if (func2(data11) < 1) {
                                          validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                          return false;
                                        } else {
                                          if (!pattern7.test(data11)) {
                                            validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"' }];
                                            return false;
                                          }
                                        }
                                      }
                                    } else {
                                      validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                      return false;
                                    }
                                  }
                                  var valid9 = _errs31 === errors;
                                } else {
                                  var valid9 = true;
                                }
                                if (valid9) {
                                  if (data9.arch !== void 0) {
                                    let data12 = data9.arch;
                                    const _errs34 = errors;
                                    if (!(data12 === "x64" || data12 === "arm64" || data12 === "x86" || data12 === "arm" || data12 === "other")) {
                                      validate20.errors = [{ instancePath: instancePath + "/os/arch", schemaPath: "#/properties/os/properties/arch/enum", keyword: "enum", params: { allowedValues: schema31.properties.os.properties.arch.enum }, message: "must be equal to one of the allowed values" }];
                                      return false;
                                    }
                                    var valid9 = _errs34 === errors;
                                  } else {
                                    var valid9 = true;
                                  }
                                }
                              }
                            }
                          }
                        } else {
                          validate20.errors = [{ instancePath: instancePath + "/os", schemaPath: "#/properties/os/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                          return false;
                        }
                      }
                      var valid0 = _errs27 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.ci !== void 0) {
                        let data13 = data.ci;
                        const _errs35 = errors;
                        if (typeof data13 !== "string" && data13 !== null) {
                          validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/type", keyword: "type", params: { type: schema31.properties.ci.type }, message: "must be string,null" }];
                          return false;
                        }
                        if (errors === _errs35) {
                          if (typeof data13 === "string") {
                            if (func2(data13) > 32) {
                              validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/maxLength", keyword: "maxLength", params: { limit: 32 }, message: "must NOT have more than 32 characters" }];
                              return false;
                            } else {
                              if (func2(data13) < 2) {
                                validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/minLength", keyword: "minLength", params: { limit: 2 }, message: "must NOT have fewer than 2 characters" }];
                                return false;
                              } else {
                                if (!pattern11.test(data13)) {
                                  validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/pattern", keyword: "pattern", params: { pattern: "^[A-Z][A-Z0-9_]{1,31}$" }, message: 'must match pattern "^[A-Z][A-Z0-9_]{1,31}$"' }];
                                  return false;
                                }
                              }
                            }
                          }
                        }
                        var valid0 = _errs35 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.started_at !== void 0) {
                          let data14 = data.started_at;
                          const _errs37 = errors;
                          const _errs38 = errors;
                          if (errors === _errs38) {
                            if (errors === _errs38) {
                              if (typeof data14 === "string") {
                                if (func2(data14) > 40) {
                                  validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 40 }, message: "must NOT have more than 40 characters" }];
                                  return false;
                                } else {
                                  if (!pattern12.test(data14)) {
                                    validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"' }];
                                    return false;
                                  } else {
                                    if (!formats0.validate(data14)) {
                                      validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"' }];
                                      return false;
                                    }
                                  }
                                }
                              } else {
                                validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                            }
                          }
                          var valid0 = _errs37 === errors;
                        } else {
                          var valid0 = true;
                        }
                        if (valid0) {
                          if (data.ended_at !== void 0) {
                            let data15 = data.ended_at;
                            const _errs40 = errors;
                            const _errs41 = errors;
                            if (errors === _errs41) {
                              if (errors === _errs41) {
                                if (typeof data15 === "string") {
                                  if (func2(data15) > 40) {
                                    validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 40 }, message: "must NOT have more than 40 characters" }];
                                    return false;
                                  } else {
                                    if (!pattern12.test(data15)) {
                                      validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"' }];
                                      return false;
                                    } else {
                                      if (!formats0.validate(data15)) {
                                        validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"' }];
                                        return false;
                                      }
                                    }
                                  }
                                } else {
                                  validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                            }
                            var valid0 = _errs40 === errors;
                          } else {
                            var valid0 = true;
                          }
                          if (valid0) {
                            if (data.log_lines !== void 0) {
                              let data16 = data.log_lines;
                              const _errs43 = errors;
                              const _errs44 = errors;
                              if (!(typeof data16 == "number" && (!(data16 % 1) && !isNaN(data16)) && isFinite(data16))) {
                                validate20.errors = [{ instancePath: instancePath + "/log_lines", schemaPath: "#/$defs/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                return false;
                              }
                              if (errors === _errs44) {
                                if (typeof data16 == "number" && isFinite(data16)) {
                                  if (data16 > 1e12 || isNaN(data16)) {
                                    validate20.errors = [{ instancePath: instancePath + "/log_lines", schemaPath: "#/$defs/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e12 }, message: "must be <= 1000000000000" }];
                                    return false;
                                  } else {
                                    if (data16 < 0 || isNaN(data16)) {
                                      validate20.errors = [{ instancePath: instancePath + "/log_lines", schemaPath: "#/$defs/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                      return false;
                                    }
                                  }
                                }
                              }
                              var valid0 = _errs43 === errors;
                            } else {
                              var valid0 = true;
                            }
                            if (valid0) {
                              if (data.error_lines !== void 0) {
                                let data17 = data.error_lines;
                                const _errs46 = errors;
                                const _errs47 = errors;
                                if (!(typeof data17 == "number" && (!(data17 % 1) && !isNaN(data17)) && isFinite(data17))) {
                                  validate20.errors = [{ instancePath: instancePath + "/error_lines", schemaPath: "#/$defs/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                  return false;
                                }
                                if (errors === _errs47) {
                                  if (typeof data17 == "number" && isFinite(data17)) {
                                    if (data17 > 1e12 || isNaN(data17)) {
                                      validate20.errors = [{ instancePath: instancePath + "/error_lines", schemaPath: "#/$defs/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e12 }, message: "must be <= 1000000000000" }];
                                      return false;
                                    } else {
                                      if (data17 < 0 || isNaN(data17)) {
                                        validate20.errors = [{ instancePath: instancePath + "/error_lines", schemaPath: "#/$defs/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                        return false;
                                      }
                                    }
                                  }
                                }
                                var valid0 = _errs46 === errors;
                              } else {
                                var valid0 = true;
                              }
                              if (valid0) {
                                if (data.outcome !== void 0) {
                                  let data18 = data.outcome;
                                  const _errs49 = errors;
                                  if (!(data18 === "ok" || data18 === "error" || data18 === "crash")) {
                                    validate20.errors = [{ instancePath: instancePath + "/outcome", schemaPath: "#/properties/outcome/enum", keyword: "enum", params: { allowedValues: schema31.properties.outcome.enum }, message: "must be equal to one of the allowed values" }];
                                    return false;
                                  }
                                  var valid0 = _errs49 === errors;
                                } else {
                                  var valid0 = true;
                                }
                                if (valid0) {
                                  if (data.error_kinds !== void 0) {
                                    let data19 = data.error_kinds;
                                    const _errs50 = errors;
                                    if (errors === _errs50) {
                                      if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
                                        if (Object.keys(data19).length > 32) {
                                          validate20.errors = [{ instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/maxProperties", keyword: "maxProperties", params: { limit: 32 }, message: "must NOT have more than 32 properties" }];
                                          return false;
                                        } else {
                                          for (const key4 in data19) {
                                            const _errs52 = errors;
                                            const _errs54 = errors;
                                            const _errs55 = errors;
                                            if (!(key4 === "__proto__" || key4 === "constructor" || key4 === "prototype")) {
                                              const err0 = {};
                                              if (vErrors === null) {
                                                vErrors = [err0];
                                              } else {
                                                vErrors.push(err0);
                                              }
                                              errors++;
                                            }
                                            var valid16 = _errs55 === errors;
                                            if (valid16) {
                                              const err1 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/not", keyword: "not", params: {}, message: "must NOT be valid", propertyName: key4 };
                                              if (vErrors === null) {
                                                vErrors = [err1];
                                              } else {
                                                vErrors.push(err1);
                                              }
                                              errors++;
                                            } else {
                                              errors = _errs54;
                                              if (vErrors !== null) {
                                                if (_errs54) {
                                                  vErrors.length = _errs54;
                                                } else {
                                                  vErrors = null;
                                                }
                                              }
                                            }
                                            if (errors === _errs52) {
                                              if (typeof key4 === "string") {
                                                if (func2(key4) > 128) {
                                                  const err2 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", propertyName: key4 };
                                                  if (vErrors === null) {
                                                    vErrors = [err2];
                                                  } else {
                                                    vErrors.push(err2);
                                                  }
                                                  errors++;
                                                } else {
                                                  if (!pattern14.test(key4)) {
                                                    const err3 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"', propertyName: key4 };
                                                    if (vErrors === null) {
                                                      vErrors = [err3];
                                                    } else {
                                                      vErrors.push(err3);
                                                    }
                                                    errors++;
                                                  }
                                                }
                                              } else {
                                                const err4 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/type", keyword: "type", params: { type: "string" }, message: "must be string", propertyName: key4 };
                                                if (vErrors === null) {
                                                  vErrors = [err4];
                                                } else {
                                                  vErrors.push(err4);
                                                }
                                                errors++;
                                              }
                                            }
                                            var valid15 = _errs52 === errors;
                                            if (!valid15) {
                                              const err5 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames", keyword: "propertyNames", params: { propertyName: key4 }, message: "property name must be valid" };
                                              if (vErrors === null) {
                                                vErrors = [err5];
                                              } else {
                                                vErrors.push(err5);
                                              }
                                              errors++;
                                              validate20.errors = vErrors;
                                              return false;
                                              break;
                                            }
                                          }
                                          if (valid15) {
                                            for (const key5 in data19) {
                                              let data20 = data19[key5];
                                              const _errs57 = errors;
                                              if (!(typeof data20 == "number" && (!(data20 % 1) && !isNaN(data20)) && isFinite(data20))) {
                                                validate20.errors = [{ instancePath: instancePath + "/error_kinds/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/error_kinds/additionalProperties/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                                return false;
                                              }
                                              if (errors === _errs57) {
                                                if (typeof data20 == "number" && isFinite(data20)) {
                                                  if (data20 > 1e9 || isNaN(data20)) {
                                                    validate20.errors = [{ instancePath: instancePath + "/error_kinds/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/error_kinds/additionalProperties/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e9 }, message: "must be <= 1000000000" }];
                                                    return false;
                                                  } else {
                                                    if (data20 < 1 || isNaN(data20)) {
                                                      validate20.errors = [{ instancePath: instancePath + "/error_kinds/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/error_kinds/additionalProperties/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" }];
                                                      return false;
                                                    }
                                                  }
                                                }
                                              }
                                              var valid17 = _errs57 === errors;
                                              if (!valid17) {
                                                break;
                                              }
                                            }
                                          }
                                        }
                                      } else {
                                        validate20.errors = [{ instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                        return false;
                                      }
                                    }
                                    var valid0 = _errs50 === errors;
                                  } else {
                                    var valid0 = true;
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate20.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };

// src/records/validate-summary.ts
function propertyNamesOf(node, into) {
  if (node !== null && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      if (key === "properties" && child !== null && typeof child === "object") {
        for (const name of Object.keys(child)) into.add(name);
      }
      propertyNamesOf(child, into);
    }
  }
  return into;
}
var KNOWN_SEGMENTS = propertyNamesOf(session_summary_v1_default, /* @__PURE__ */ new Set());
function safePath(instancePath) {
  if (instancePath === "") return "/";
  return instancePath.split("/").map((segment, index) => index === 0 || KNOWN_SEGMENTS.has(segment) ? segment : "*").join("/");
}
var validateSchema = summary_validator_default;
function validateSummary(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, reason: "not-an-object" };
  }
  if (!validateSchema(value)) {
    const error = validateSchema.errors?.[0];
    const reason = error ? `schema:${safePath(error.instancePath)}:${error.keyword}` : "schema";
    return { ok: false, reason };
  }
  const summary = value;
  const startedMs = parseTimestamp(summary.started_at);
  const endedMs = parseTimestamp(summary.ended_at);
  if (endedMs < startedMs) {
    return { ok: false, reason: "ended-before-started" };
  }
  if (summary.error_lines > summary.log_lines) {
    return { ok: false, reason: "error-lines-exceed-log-lines" };
  }
  return { ok: true, summary, startedMs, endedMs };
}

// src/producer/summarize-session.ts
var CI_VARIABLES = [
  ["GITHUB_ACTIONS", "GITHUB_ACTIONS"],
  ["GITLAB_CI", "GITLAB_CI"],
  ["CIRCLECI", "CIRCLECI"],
  ["TRAVIS", "TRAVIS"],
  ["BUILDKITE", "BUILDKITE"],
  ["JENKINS_URL", "JENKINS"],
  ["TF_BUILD", "AZURE_PIPELINES"],
  ["BITBUCKET_BUILD_NUMBER", "BITBUCKET"],
  ["TEAMCITY_VERSION", "TEAMCITY"],
  ["DRONE", "DRONE"],
  ["APPVEYOR", "APPVEYOR"],
  ["CODEBUILD_BUILD_ID", "AWS_CODEBUILD"],
  ["CI", "CI"]
];
var OFF_VALUES = /* @__PURE__ */ new Set(["0", "false", "no", "off"]);
var VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
function detectCi(env) {
  for (const [variable, vendor] of CI_VARIABLES) {
    const value = env[variable];
    if (value !== void 0 && value !== "" && !OFF_VALUES.has(value.toLowerCase())) return vendor;
  }
  return null;
}
function optedOut(env, appVariable) {
  const dnt = env["DO_NOT_TRACK"];
  if (dnt !== void 0 && dnt !== "" && !OFF_VALUES.has(dnt.toLowerCase())) return `DO_NOT_TRACK=${dnt}`;
  if (appVariable) {
    const value = env[appVariable];
    if (value !== void 0 && OFF_VALUES.has(value.trim().toLowerCase())) return `${appVariable}=${value}`;
  }
  return null;
}
function patternOf(pattern) {
  if (pattern === void 0) return compileLogPattern(DEFAULT_LOG_PATTERN);
  if (typeof pattern !== "string") return pattern;
  const preset = presetPattern(pattern);
  if (preset === null) return `unknown log format "${pattern}" (presets: ${PRESET_NAMES.join(", ")})`;
  return compileLogPattern(preset);
}
function summarizeSession(input) {
  const pattern = patternOf(input.logPattern);
  if (typeof pattern === "string") return { ok: false, reason: pattern };
  const figures = readLog(input.logText, pattern);
  if (!figures) return { ok: false, reason: "the log has no line with a timestamp" };
  return finish(input, summaryFromLog(figures, "", { appName: input.app.name, appVersion: input.app.version }));
}
function summarizeCounts(input) {
  if (!(input.startedAt instanceof Date) || !(input.endedAt instanceof Date) || Number.isNaN(input.startedAt.getTime()) || Number.isNaN(input.endedAt.getTime())) {
    return { ok: false, reason: "the start and end must be dates" };
  }
  return finish(input, {
    schema_version: 1,
    app: input.app,
    started_at: input.startedAt.toISOString(),
    ended_at: input.endedAt.toISOString(),
    log_lines: input.logLines,
    error_lines: input.errorLines,
    outcome: input.outcome,
    ...input.errorKinds && Object.keys(input.errorKinds).length > 0 ? { error_kinds: input.errorKinds } : {}
  });
}
function finish(input, fromLog) {
  const arch = mapArch(input.machine.arch);
  const release = input.machine.release.trim();
  const candidate = {
    ...fromLog,
    // A producer knows more than the log: a random session, the machine, the CI vendor.
    session_id: input.newUuid(),
    ...input.installId ? { install_id: input.installId } : {},
    ...input.runtime ? { runtime: input.runtime } : {},
    os: {
      platform: mapPlatform(input.machine.platform),
      ...VERSION.test(release) ? { version: release } : {},
      ...arch ? { arch } : {}
    },
    ci: detectCi(input.machine.env)
  };
  const finding = findPrivateData(candidate, safePath);
  if (finding) return { ok: false, reason: `private data in ${finding.path} (${finding.rule})` };
  const checked = validateSummary(candidate);
  return checked.ok ? checked : { ok: false, reason: `not a valid summary: ${checked.reason}` };
}

// src/lib.ts
var major = Number(process.versions.node.split(".")[0]);
if (major < 22)
  throw new Error(`crash-report-aggregator needs Node.js 22 or later; this is Node.js ${process.versions.node}.`);
export {
  LOG_PRESETS,
  detectCi,
  optedOut,
  summarizeCounts,
  summarizeSession,
  validateSummary
};
