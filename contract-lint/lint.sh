#!/usr/bin/env bash
# Lints the HTTP and event contract as an integrator meets it:
#   1. every OpenAPI document given (the end-to-end test passes the three services' documents as served by the gateway;
#      by hand: each service's target/openapi/*.json, written by its OpenApiDocumentIT) under Redocly's recommended
#      rules (contract-lint/redocly.yaml): zero errors and zero warnings, or it fails;
#   2. a copy of the first document with one summary removed must be rejected (the lint can fail);
#   3. docs/asyncapi.yaml validates with the AsyncAPI CLI, failing on warnings too.
# Installs what it needs: node and npm with apt if missing, the pinned npm packages from the committed lock file into
# contract-lint/node_modules (npm ci only when the lock file changed). No telemetry is sent.
# Usage: contract-lint/lint.sh [OPENAPI.json ...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true ASYNCAPI_TELEMETRY=false SUPPRESS_NO_CONFIG_WARNING=1
# The AsyncAPI CLI reads its analytics switch from this file (it would otherwise create one in $HOME, enabled).
export ASYNCAPI_METRICS_CONFIG_PATH="$work/asyncapi-analytics.json"
echo '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"windshift-ci"}' >"$ASYNCAPI_METRICS_CONFIG_PATH"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "need root (or sudo) to run: $*" >&2; return 1; fi
}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node/npm not found: installing them with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
# One install at a time (CI runs this script beside the tests, which run it too): the second waits for the first.
exec 9>"$here/.install.lock"
flock 9
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.windshift-lock" 2>/dev/null; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false)
  cp "$here/package-lock.json" "$here/node_modules/.windshift-lock"
fi
flock -u 9
redocly="$here/node_modules/.bin/redocly"
asyncapi="$here/node_modules/.bin/asyncapi"

# Redocly exits 0 on warnings: read its totals and count both.
lint() {
  local file="$1" out="$work/lint.json"
  "$redocly" lint --config "$here/redocly.yaml" --format=json "$file" >"$out" 2>"$work/lint.err" || true
  local rc=0
  node -e '
    let r;
    try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch (e) { process.exit(2); }
    const t = r.totals || {};
    for (const p of r.problems || []) {
      const where = (p.location || []).map(l => l.pointer).join(" ");
      console.log(`  ${p.severity} ${p.ruleId}: ${p.message} ${where}`);
    }
    console.log(`  ${t.errors} error(s), ${t.warnings} warning(s)`);
    process.exit(t.errors === 0 && t.warnings === 0 ? 0 : 1);
  ' "$out" || rc=$?
  # Exit 2: redocly wrote no report (it failed to run): show why.
  if (( rc == 2 )); then cat "$work/lint.err" >&2; fi
  return "$rc"
}

failed=0
for doc in "$@"; do
  echo "--- redocly lint (recommended) $(basename "$doc")"
  lint "$doc" || failed=1
done

if (( $# > 0 )); then
  echo "--- the lint rejects a document that regressed (one summary removed)"
  node -e '
    const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const op = Object.values(Object.values(d.paths)[0])[0]; delete op.summary;
    fs.writeFileSync(process.argv[2], JSON.stringify(d));
  ' "$1" "$work/regressed.json"
  if lint "$work/regressed.json" >"$work/regressed.out"; then
    cat "$work/regressed.out"; echo "the lint accepted a document without a summary" >&2; failed=1
  elif grep -q 'operation-summary' "$work/regressed.out"; then
    echo "ok   regressed copy rejected (operation-summary)"
  else
    cat "$work/regressed.out"; echo "the lint failed on the regressed copy, but not for the missing summary" >&2; failed=1
  fi
fi

echo "--- asyncapi validate docs/asyncapi.yaml"
"$asyncapi" validate "$root/docs/asyncapi.yaml" --fail-severity=warn 2>&1 | grep -v '^WARNING: \|^Skipping submitting' || failed=1

if (( failed )); then echo "contract lint FAILED" >&2; exit 1; fi
echo "contract lint passed: $# OpenAPI document(s), docs/asyncapi.yaml"
