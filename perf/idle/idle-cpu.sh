#!/usr/bin/env bash
# Idle CPU and first-request latency of an echo REP, libzmq's REQ (pyzmq) as the client: for each server, 1,000
# requests, then 10 s idle with the server's CPU time read from /proc (per thread), then 5 x (2 s idle, one request,
# nine more): the first round trip after the idle period against the tenth. Servers: Monocoque's `echo --type REP`
# with --idle selector (what its default, auto, chooses on 2 CPUs) and --idle backoff, and pyzmq's REP (libzmq). Needs /usr/bin/python3 with zmq.
# Usage: perf/idle/idle-cpu.sh [PORT_BASE]   (run from anywhere; uses the repository's ./monocoque launcher)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
base=${1:-5700}
"$root/monocoque" --version > /dev/null # build once, before any timing
run() { # LABEL PORT COMMAND...
    local label=$1 port=$2; shift 2
    "$@" & local pid=$!
    sleep 3
    /usr/bin/python3 "$here/idle_client.py" "$port" "$pid" "$label" || true
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
}
run "monocoque echo --idle selector" $((base + 1)) \
    "$root/monocoque" echo --type REP --bind "tcp://127.0.0.1:$((base + 1))" --idle selector
run "monocoque echo --idle backoff" $((base + 2)) \
    "$root/monocoque" echo --type REP --bind "tcp://127.0.0.1:$((base + 2))" --idle backoff
run "libzmq REP (pyzmq)" $((base + 3)) /usr/bin/python3 -c "
import zmq; s = zmq.Context().socket(zmq.REP); s.bind('tcp://127.0.0.1:$((base + 3))')
while True: s.send(s.recv())"
