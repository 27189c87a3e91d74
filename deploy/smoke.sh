#!/usr/bin/env bash
# deploy/compose.yaml's set-up, run without Docker and checked through a browser.
#
# As compose does: the wheel installed in its own virtualenv (the image installs the same
# wheel), migrations once (`venue db upgrade`), two `venue serve` processes sharing presence
# over Redis on one PostgreSQL database, with the settings of deploy/venue.env, and Debian's
# nginx in front of them running deploy/nginx.conf unchanged. Then tests/deploy/smoke/ drives
# headless Chromium through nginx and compares what runs here with compose.yaml.
#
#   make deploy-check                   (CI runs it after `make test`)
#   VENUE_SMOKE_DATABASE_URL=postgresql://user@host:5432/name   dropped and created afresh
#   VENUE_SMOKE_REDIS_URL=redis://127.0.0.1:6379/7
#   VENUE_SMOKE_KEEP=1                  keep the run folder (logs, nginx files) afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
DATABASE_URL=${VENUE_SMOKE_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/venue_smoke}
REDIS_URL=${VENUE_SMOKE_REDIS_URL:-redis://127.0.0.1:6379/7}

bash scripts/system-packages.sh deploy  # nginx, postgresql-client, curl, chromium if missing
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

RUN=$(mktemp -d /tmp/venue-smoke.XXXXXX)
chmod 755 "$RUN"  # nginx's workers read nothing here but write their temp files below
pids=()
stop() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$RUN"/*.log "$RUN"/nginx/*.log; do
      [ -f "$log" ] && { echo "---- $log (last lines)"; tail -n 30 "$log"; }
    done
    echo "deploy check failed; logs in $RUN" >&2
  elif [ "${VENUE_SMOKE_KEEP:-}" != 1 ]; then
    rm -rf "$RUN"
  fi
  exit "$status"
}
trap stop EXIT

wait_for() {  # URL: until it answers 2xx (curl retries refused connections and 503)
  curl -fs -o /dev/null --retry 60 --retry-delay 1 --retry-connrefused --max-time 5 "$1" ||
    { echo "no answer from $1 within a minute" >&2; return 1; }
}

free_ports() {
  "$PY" -c 'import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

# ---- the release ------------------------------------------------------------------------
echo "== the wheel, installed in its own virtualenv"
make --no-print-directory wheel
python3 -m venv "$RUN/venv"
"$RUN/venv/bin/pip" install --quiet "$ROOT"/dist/venue-*.whl
VENUE="$RUN/venv/bin/venue"

# ---- PostgreSQL and Redis (compose: the postgres and redis services) ----------------------
echo "== PostgreSQL ${DATABASE_URL%%\?*}, fresh; Redis $REDIS_URL"
database=${DATABASE_URL##*/}
psql -q -v ON_ERROR_STOP=1 "${DATABASE_URL%/*}/postgres" \
  -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" -c "CREATE DATABASE \"$database\""
"$PY" -c 'import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()' "$REDIS_URL"

# ---- the app processes (compose: x-app, migrate, app1, app2) ------------------------------
read -r PORT1 PORT2 NGINX_PORT < <(free_ports)
set -a
# shellcheck source=deploy/venue.env
. deploy/venue.env
set +a
export VENUE_DATABASE_URL="$DATABASE_URL" VENUE_REDIS_URL="$REDIS_URL"
VENUE_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')
export VENUE_SECRET_KEY
export VENUE_PUBLIC_URL="http://127.0.0.1:$NGINX_PORT"
# compose's processes have a Redis of their own; here others may share it: a channel of ours
export VENUE_REDIS_CHANNEL="venue-smoke:$$"
export VENUE_DATA_DIR="$RUN/data"  # the image's /app/var

# ---- TURN (compose: the coturn service) ----------------------------------------------------
# deploy/turnserver.conf itself, with what compose passes on the command line (the shared
# secret; the public address is loopback here). That file refuses to relay towards private and
# loopback addresses; the browsers of this check live on loopback, so this run alone allows it.
read -r TURN_PORT RELAY_BASE _ < <(free_ports)
RELAY_MIN=$((RELAY_BASE / 2 * 2 % 20000 + 40000))
TURN_SECRET=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(32))')
echo "== coturn on port $TURN_PORT (relays on $RELAY_MIN-$((RELAY_MIN + 100)))"
turnserver -c deploy/turnserver.conf --static-auth-secret="$TURN_SECRET" \
  --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 \
  --listening-port="$TURN_PORT" --min-port="$RELAY_MIN" --max-port=$((RELAY_MIN + 100)) \
  --allow-loopback-peers --allowed-peer-ip=127.0.0.1 --no-tls --no-dtls \
  --pidfile="$RUN/turn.pid" --db="$RUN/turndb" >"$RUN/turn.log" 2>&1 &
pids+=($!)
# the app processes sign TURN credentials with the same secret (compose: deploy/.env)
export VENUE_AV_TURN_SECRET="$TURN_SECRET"
export VENUE_AV_TURN_URLS="[\"turn:127.0.0.1:$TURN_PORT?transport=udp\"]"
export VENUE_AV_RELAY_ONLY=true  # so that a call can only connect through coturn

echo "== venue db upgrade, then two processes on ports $PORT1 and $PORT2"
"$VENUE" db upgrade
"$VENUE" serve --host 127.0.0.1 --port "$PORT1" >"$RUN/app1.log" 2>&1 &
pids+=($!)
APP1_PID=$!
"$VENUE" serve --host 127.0.0.1 --port "$PORT2" >"$RUN/app2.log" 2>&1 &
pids+=($!)
APP2_PID=$!
wait_for "http://127.0.0.1:$PORT1/healthz"
wait_for "http://127.0.0.1:$PORT2/healthz"

# ---- nginx (compose: the nginx service) ----------------------------------------------------
echo "== nginx on port $NGINX_PORT"
mkdir -p "$RUN/nginx/venue.d" "$RUN/nginx/temp"
# deploy/nginx.conf itself; its relative includes resolve beside the link, in $RUN/nginx
ln -s "$ROOT/deploy/nginx.conf" "$RUN/nginx/nginx.conf"
cat >"$RUN/nginx/venue.d/upstream.conf" <<EOF
server 127.0.0.1:$PORT1 max_fails=3 fail_timeout=10s;
server 127.0.0.1:$PORT2 max_fails=3 fail_timeout=10s;
EOF
cat >"$RUN/nginx/venue.d/listen.conf" <<EOF
listen 127.0.0.1:$NGINX_PORT;
client_body_temp_path $RUN/nginx/temp/body;
proxy_temp_path $RUN/nginx/temp/proxy;
EOF
globals="daemon off; pid $RUN/nginx/nginx.pid;"
if [ "$(id -u)" -eq 0 ]; then
  # as Debian's own nginx.conf has it; the image's nginx runs its workers unprivileged too
  globals="$globals user www-data;"
  chown www-data "$RUN/nginx/temp"
fi
"$NGINX" -q -t -c "$RUN/nginx/nginx.conf" -e "$RUN/nginx/error.log" -g "$globals"
"$NGINX" -c "$RUN/nginx/nginx.conf" -e "$RUN/nginx/error.log" -g "$globals" \
  >"$RUN/nginx/access.log" 2>>"$RUN/nginx/error.log" &
pids+=($!)
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT/healthz/live"

# ---- the checks ----------------------------------------------------------------------------
echo "== through nginx: tests/deploy/smoke"
VENUE_SMOKE_URL="http://127.0.0.1:$NGINX_PORT" \
  VENUE_SMOKE_APPS="http://127.0.0.1:$PORT1 http://127.0.0.1:$PORT2" \
  VENUE_SMOKE_PIDS="$APP1_PID $APP2_PID" \
  VENUE_SMOKE_NGINX_PID="$NGINX_PID" \
  VENUE_SMOKE_RUN="$RUN" \
  "$PY" -m pytest -p no:cacheprovider --durations=3 tests/deploy/smoke
