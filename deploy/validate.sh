#!/usr/bin/env bash
# Offline validation of everything under deploy/ (docs/operations.md, "Validation"):
#   1. kubectl kustomize renders every overlay (local, production) and the base;
#   2. every rendered resource is checked against the Kubernetes API schemas and the CRDs it uses (Strimzi, KEDA,
#      MongoDB Community) plus the Windshift rules (deploy/.tools/validate-k8s.mjs);
#   3. a deliberately broken copy of the production render must be rejected (the validator can fail);
#   4. promtool checks the Prometheus config, the alert rules and the dashboard's PromQL, and runs the rule unit tests;
#   5. every alert's runbook_url points to an existing heading of docs/operations.md.
# Installs what it needs: kubectl with apt if missing (root or sudo), the pinned npm packages into deploy/.tools
# (npm ci from the committed lock file), promtool unpacked from Debian's prometheus package into deploy/.tools.
# Nothing is fetched at validation time. Usage: deploy/validate.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tools="$here/.tools"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "need root (or sudo) to run: $*" >&2; return 1; fi
}
apt_updated=""
apt_install() {
  [[ -n "$apt_updated" ]] || { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}
section() { echo; echo "--- $*"; }

section "tools"
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl not found: installing it with apt"
  apt_install kubectl || { echo "no apt package kubectl here: install kubectl >= 1.27 (Debian's kubernetes-client 1.20 embeds a kustomize too old for components)" >&2; exit 1; }
fi
kustomize_version="$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')"
if [[ -z "$kustomize_version" || "$kustomize_version" -lt 5 ]]; then
  echo "kubectl $(kubectl version --client 2>/dev/null | head -1) embeds kustomize ${kustomize_version:-?}; components and labels need kustomize v5 (kubectl >= 1.27)" >&2
  exit 1
fi
echo "kubectl: $(kubectl version --client 2>/dev/null | tr '\n' ' ')"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node/npm not found: installing them with apt"
  apt_install nodejs npm
fi
# npm ci only when the installed tree does not match the committed lock file.
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.windshift-lock" 2>/dev/null; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false)
  cp "$tools/package-lock.json" "$tools/node_modules/.windshift-lock"
fi
echo "node $(node --version), npm packages: $(cd "$tools" && node -e 'const d=require("./package.json").dependencies;console.log(Object.entries(d).map(([k,v])=>k+"@"+v).join(" "))')"

promtool="$(command -v promtool || true)"
if [[ -z "$promtool" ]]; then
  promtool="$tools/prometheus/usr/bin/promtool"
  if [[ ! -x "$promtool" ]]; then
    # Only promtool is needed: unpack the package instead of installing it (which would also start a Prometheus).
    echo "promtool not found: unpacking it from Debian's prometheus package"
    command -v apt-get >/dev/null 2>&1 || { echo "promtool is missing and there is no apt-get to fetch it" >&2; exit 1; }
    (cd "$work" && { apt-get download prometheus >/dev/null 2>&1 || { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q && apt-get download prometheus; }; })
    rm -rf "$tools/prometheus" && mkdir -p "$tools/prometheus"
    dpkg-deb -x "$work"/prometheus_*.deb "$tools/prometheus"
  fi
fi
echo "promtool: $("$promtool" --version 2>&1 | head -1)"

section "render (kubectl kustomize)"
# The local overlay reads git-ignored secret files: write throwaway ones if they are missing (never committed).
"$here/k8s/overlays/local/make-secrets.sh" --placeholders >/dev/null
targets=()
for dir in base overlays/local overlays/production; do
  name="${dir##*/}"
  kubectl kustomize "$here/k8s/$dir" >"$work/$name.yaml"
  echo "rendered deploy/k8s/$dir: $(grep -c '^kind:' "$work/$name.yaml") resources"
  targets+=("$name=$work/$name.yaml")
done

section "schemas and rules (deploy/.tools/validate-k8s.mjs)"
node "$tools/validate-k8s.mjs" "${targets[@]}"

section "the validator rejects a broken resource"
# Break one field the schemas must catch (replicas as a string) and one the rules must catch (a ScaledObject allowed
# more replicas than its topics have partitions); the validator must fail, and for those two reasons.
sed -e '0,/^  replicas: [0-9]*$/s//  replicas: two/' -e '0,/^  maxReplicaCount: 12$/s//  maxReplicaCount: 13/' \
  "$work/production.yaml" >"$work/broken.yaml"
if node "$tools/validate-k8s.mjs" "broken-production=$work/broken.yaml" >"$work/broken.out"; then
  cat "$work/broken.out"; echo "the validator accepted a broken render" >&2; exit 1
fi
grep -q 'replicas must be integer' "$work/broken.out" && grep -q 'maxReplicaCount 13 exceeds' "$work/broken.out" \
  || { cat "$work/broken.out"; echo "the validator failed, but not for the breakage introduced" >&2; exit 1; }
echo "ok   broken copy rejected: $(grep -c '^  - ' "$work/broken.out") problem(s) reported"

section "Prometheus config, alert rules, dashboard PromQL (promtool)"
"$promtool" check config "$here/prometheus/prometheus.yml"
"$promtool" check rules "$here"/prometheus/rules/*.yml
node "$tools/dashboard-rules.mjs" "$work/dashboard-rules.yml" "$here"/grafana/dashboards/*.json
"$promtool" check rules "$work/dashboard-rules.yml"
"$promtool" test rules "$here"/prometheus/tests/*.test.yml

section "runbook links"
missing=0
while read -r anchor; do
  if ! grep -E '^#{1,6} ' "$root/docs/operations.md" | tr 'A-Z' 'a-z' | sed -E 's/^#+ +//; s/[^a-z0-9 _-]//g; s/ /-/g' | grep -qx "$anchor"; then
    echo "runbook_url #$anchor has no heading in docs/operations.md" >&2; missing=1
  fi
done < <(grep -ho 'runbook_url: docs/operations.md#[a-z0-9_-]*' "$here"/prometheus/rules/*.yml | sed 's/.*#//' | sort -u)
(( missing == 0 ))
echo "ok   $(grep -ho 'runbook_url: ' "$here"/prometheus/rules/*.yml | wc -l) runbook_url annotations point to headings of docs/operations.md"

echo
echo "deploy/ is valid"
