#!/usr/bin/python3
"""A libzmq peer for capture_handshake.py. Needs pyzmq bound to libzmq: run it with Debian's /usr/bin/python3
(package python3-zmq), not a pyenv python.

  libzmq_peer.py dealer ENDPOINT   DEALER, ZMQ_IDENTITY b"client-1", sends one message [b"hello"]
  libzmq_peer.py sub ENDPOINT      SUB, subscribes to b"topic"

Prints a "peer:" line naming the library versions, then stays connected for a few seconds so the capture
tool sees everything it sends.
"""

import sys
import time

import zmq


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("dealer", "sub"):
        sys.exit("usage: libzmq_peer.py dealer|sub ENDPOINT")
    role, endpoint = sys.argv[1], sys.argv[2]
    context = zmq.Context()
    if role == "dealer":
        sock = context.socket(zmq.DEALER)
        sock.setsockopt(zmq.IDENTITY, b"client-1")
        what = 'DEALER, ZMQ_IDENTITY b"client-1", sends [b"hello"] after connect'
    else:
        sock = context.socket(zmq.SUB)
        what = 'SUB, subscribes to b"topic"'
    sock.setsockopt(zmq.LINGER, 0)
    print("peer: libzmq %s (pyzmq %s, Debian python3-zmq) %s" % (zmq.zmq_version(), zmq.__version__, what),
          flush=True)
    sock.connect(endpoint)
    if role == "dealer":
        sock.send(b"hello")
    else:
        sock.setsockopt(zmq.SUBSCRIBE, b"topic")
    time.sleep(3)
    sock.close()
    context.term()


if __name__ == "__main__":
    main()
