#!/bin/sh
# Regenerate the captured-traffic fixtures in codec/src/test/resources/captures. Run from anywhere; needs
# Debian's python3-zmq (/usr/bin/python3), Java 17 and JeroMQ 0.6.0 in the local Maven repository.
set -eu
cd "$(dirname "$0")/../../../.."
PY=/usr/bin/python3
CAPTURE=codec/src/test/capture/capture_handshake.py
OUT=codec/src/test/resources/captures
JEROMQ_JAR="$HOME/.m2/repository/org/zeromq/jeromq/0.6.0/jeromq-0.6.0.jar"
mkdir -p "$OUT"

$PY $CAPTURE --socket-type ROUTER --out $OUT/libzmq-4.3-dealer.hex \
    -- $PY codec/src/test/capture/libzmq_peer.py dealer '{endpoint}'
$PY $CAPTURE --socket-type PUB --out $OUT/libzmq-4.3-sub.hex \
    -- $PY codec/src/test/capture/libzmq_peer.py sub '{endpoint}'
$PY $CAPTURE --socket-type ROUTER --out $OUT/jeromq-0.6.0-dealer.hex \
    -- java -cp "$JEROMQ_JAR" codec/src/test/capture/JeromqPeer.java dealer '{endpoint}'
$PY $CAPTURE --socket-type PUB --out $OUT/jeromq-0.6.0-sub.hex \
    -- java -cp "$JEROMQ_JAR" codec/src/test/capture/JeromqPeer.java sub '{endpoint}'
