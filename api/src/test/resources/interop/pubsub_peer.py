#!/usr/bin/python3
"""An interactive libzmq (pyzmq) PUB/SUB/XPUB/XSUB peer for Monocoque's pub-sub interop tests, driven line by line
over stdin by io.monocoque.api.pubsub.interop.LibzmqPubSubPeer. (zmq_peer.py runs one scripted exchange; pub-sub
tests need to interleave: subscribe, probe until the subscription has arrived, publish, restart.)

Usage:
  pubsub_peer.py --type TYPE (--bind EP | --connect EP) [--reconnect-ivl MS] [--verbose] [--max-seconds T]

TYPE  PUB, SUB, XPUB, XSUB.  --verbose sets ZMQ_XPUB_VERBOSE on an XPUB.

Commands, one per line on stdin; each is answered with one line on stdout:
  SUB [HEX]      ZMQ_SUBSCRIBE to the prefix (hex; none = the empty prefix)    -> OK
  UNSUB [HEX]    ZMQ_UNSUBSCRIBE                                              -> OK
  SEND [SPEC]    send a message: frames as hex joined by '.' (none = one empty frame)  -> OK
  RECV MS        receive one message within MS milliseconds  -> MSG <SPEC> or TIMEOUT
  CLOSE          close the socket and terminate the context    -> CLOSED
Output also has READY <last_endpoint> first, and ERROR <text> on a failure (exit status 2). The peer exits at
end of stdin (the JVM is gone) or after --max-seconds.
"""

import argparse
import hashlib
import os
import signal
import sys

import zmq

TYPES = {"PUB": zmq.PUB, "SUB": zmq.SUB, "XPUB": zmq.XPUB, "XSUB": zmq.XSUB}


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(text):
    out("ERROR " + text)
    os._exit(2)


def parse_spec(spec):
    return [bytes.fromhex(frame) for frame in spec.split(".")]


def to_spec(frames):
    return ".".join(frame.hex() for frame in frames)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--type", required=True, choices=sorted(TYPES))
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--bind")
    where.add_argument("--connect")
    parser.add_argument("--reconnect-ivl", type=int)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--max-seconds", type=int, default=60)
    args = parser.parse_args()

    signal.signal(signal.SIGALRM, lambda *_: fail("ran longer than %d s" % args.max_seconds))
    signal.alarm(args.max_seconds)

    context = zmq.Context()
    socket = context.socket(TYPES[args.type])
    socket.setsockopt(zmq.LINGER, 0)
    if args.reconnect_ivl is not None:
        socket.setsockopt(zmq.RECONNECT_IVL, args.reconnect_ivl)
    if args.verbose:
        socket.setsockopt(zmq.XPUB_VERBOSE, 1)
    try:
        if args.bind:
            socket.bind(args.bind)
        else:
            socket.connect(args.connect)
    except zmq.ZMQError as error:
        fail("%s on %s" % (error, args.bind or args.connect))
    out("READY " + socket.getsockopt_string(zmq.LAST_ENDPOINT))

    poller = zmq.Poller()
    poller.register(socket, zmq.POLLIN)
    while True:
        line = sys.stdin.readline()
        if not line:
            os._exit(0)  # the test JVM is gone
        parts = line.strip().split(" ", 1)
        command = parts[0]
        argument = parts[1] if len(parts) > 1 else ""
        try:
            if command == "SUB":
                socket.setsockopt(zmq.SUBSCRIBE, bytes.fromhex(argument))
                out("OK")
            elif command == "UNSUB":
                socket.setsockopt(zmq.UNSUBSCRIBE, bytes.fromhex(argument))
                out("OK")
            elif command == "SEND":
                socket.send_multipart(parse_spec(argument))
                out("OK")
            elif command == "RECV":
                if dict(poller.poll(int(argument))).get(socket):
                    out("MSG " + to_spec(socket.recv_multipart()))
                else:
                    out("TIMEOUT")
            elif command == "RECVDIGEST":
                # Large messages: each frame as length:sha256, not as hex on a pipe.
                if dict(poller.poll(int(argument))).get(socket):
                    out("MSG " + ",".join("%d:%s" % (len(f), hashlib.sha256(f).hexdigest())
                                          for f in socket.recv_multipart()))
                else:
                    out("TIMEOUT")
            elif command == "CLOSE":
                socket.close()
                context.term()
                out("CLOSED")
            elif command == "":
                continue
            else:
                fail("unknown command " + command)
        except zmq.ZMQError as error:
            fail("%s in %s" % (error, line.strip()))


if __name__ == "__main__":
    main()
