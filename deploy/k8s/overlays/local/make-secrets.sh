#!/usr/bin/env bash
# Writes the local overlay's secret files (git-ignored) that its secretGenerator reads. Existing files are kept.
#   ./windshift token --init                                   # the local key pair, once
#   deploy/k8s/overlays/local/make-secrets.sh                  # then: kubectl apply -k deploy/k8s/overlays/local
#   deploy/k8s/overlays/local/make-secrets.sh --placeholders   # CI: throwaway values, enough to render the overlay
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
dir="$here/secrets"
mkdir -p "$dir"
umask 077

write() { [[ -s "$dir/$1" ]] || { printf '%s' "$2" >"$dir/$1"; echo "wrote $dir/$1"; }; }

write mongodb-connection-string \
  "mongodb://windshift-mongodb-0.windshift-mongodb-svc.windshift-infra.svc:27017/?replicaSet=rs0"
write webhook-secret "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

if [[ ! -s "$dir/jwt-public.pem" ]]; then
  if [[ -s "$root/.windshift/keys/jwt-public.pem" ]]; then
    cp "$root/.windshift/keys/jwt-public.pem" "$dir/jwt-public.pem"
    echo "copied .windshift/keys/jwt-public.pem"
  elif [[ "${1:-}" == "--placeholders" ]]; then
    printf '%s\n' "placeholder: run ./windshift token --init, delete this file and run make-secrets.sh again" >"$dir/jwt-public.pem"
  else
    echo "no .windshift/keys/jwt-public.pem: run ./windshift token --init first" >&2
    exit 1
  fi
fi
