#!/usr/bin/env bash
# Install the Debian packages venue needs, only those that are missing.
#   scripts/system-packages.sh          what the tests need (chromium, fonts, stress, coturn's
#                                       turnserver for the calls' relay test)
#   scripts/system-packages.sh deploy   and what deploy/smoke.sh runs: nginx, PostgreSQL's
#                                       client tools (venue db backup), curl
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
command -v stress >/dev/null || missing+=(stress)  # make test-stress
command -v turnserver >/dev/null || [ -x /usr/bin/turnserver ] || missing+=(coturn)
if [ "${1:-}" = deploy ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v pg_dump >/dev/null || missing+=(postgresql-client)
  command -v curl >/dev/null || missing+=(curl)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run as root or install them; browser tests will skip)" >&2
  [ "${1:-}" = deploy ] && exit 1  # the deployment check cannot run without them
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
