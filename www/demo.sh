#!/usr/bin/env bash
# Builds okto-wasm and serves the demo page against the local dev gateway.
#
#   ./www/demo.sh                 # gateway on 8787, page on 8080 (or the next free ports)
#   OKTO_GATEWAY_PORT=9000 DEMO_PORT=9001 ./www/demo.sh
#   OKTO_GATEWAY_LOG=1 ./www/demo.sh   # also print the gateway's request log
#
# Prints the page URL and runs until Ctrl-C; both servers stop with it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tests/setup.sh"
cd "$ROOT"

log() { printf '\033[1m[demo]\033[0m %s\n' "$*" >&2; }

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port VALUE_FROM_ENV DEFAULT: an explicitly chosen port must be free;
# the default moves up to the next free one.
pick_port() {
  local chosen="$1" default="$2" p
  if [ -n "$chosen" ]; then
    if in_use "$chosen"; then log "port $chosen is already in use"; return 1; fi
    echo "$chosen"; return 0
  fi
  for ((p = default; p < default + 50; p++)); do
    if ! in_use "$p"; then echo "$p"; return 0; fi
  done
  log "no free port in $default..$((default + 49))"; return 1
}

# Ports first, so a taken port fails before the build.
GATEWAY_PORT="$(pick_port "${OKTO_GATEWAY_PORT:-}" 8787)"
PAGE_PORT="$(pick_port "${DEMO_PORT:-}" 8080)"
if [ "$PAGE_PORT" = "$GATEWAY_PORT" ]; then
  [ -z "${DEMO_PORT:-}" ] || { log "OKTO_GATEWAY_PORT and DEMO_PORT must differ"; exit 1; }
  PAGE_PORT="$(pick_port "" $((GATEWAY_PORT + 1)))"
fi

log "building the package (tests/build.sh)"
tests/build.sh

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

quiet=(--quiet)
[ "${OKTO_GATEWAY_LOG:-}" = 1 ] && quiet=()
node tests/gateway/server.mjs --port "$GATEWAY_PORT" "${quiet[@]}" >/dev/null &
pids+=($!)
node www/serve.mjs --port "$PAGE_PORT" >/dev/null &
pids+=($!)

GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
PAGE="http://127.0.0.1:$PAGE_PORT"
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$GATEWAY/__admin/health" 2>/dev/null && curl -fsS -o /dev/null "$PAGE/" 2>/dev/null; then
    ready=1; break
  fi
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { log "a server exited early"; exit 1; }; done
  sleep 0.1
done
[ "${ready:-}" = 1 ] || { log "the servers did not answer within 10 s"; exit 1; }

log "dev gateway on $GATEWAY (dev client 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, OTP 123456)"
echo "Okto demo: $PAGE/?gateway=$GATEWAY"
log "press Ctrl-C to stop"
wait -n "${pids[@]}" || true
log "a server stopped unexpectedly"
exit 1
