#!/usr/bin/python3
"""A libzmq (pyzmq) REQ that steers a proxy through its REP control socket, as an application steers
zmq_proxy_steerable, for Monocoque's Proxy interop test. Driven line by line over stdin.

Usage:
  proxy_control.py --connect EP [--max-seconds T]

Commands, one per line on stdin; each is answered with one line on stdout:
  ASK NAME   send the command NAME (PAUSE, RESUME, TERMINATE, anything) and wait for the reply
             -> REPLY <frames as hex joined by '.'>
  STATS      send STATISTICS and read the reply as libzmq's application would (each frame a uint64 in the host's
             byte order) -> STATS <frame count> <value> <value> ...
Output has READY <endpoint> first, and ERROR <text> on a failure (exit status 2). The peer exits at end of stdin
(the JVM is gone) or after --max-seconds.
"""

import argparse
import os
import signal
import struct
import sys

import zmq

REPLY_TIMEOUT_MS = 10000


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(text):
    out("ERROR " + text)
    os._exit(2)


def ask(socket, name):
    socket.send(name.encode("ascii"))
    if not socket.poll(REPLY_TIMEOUT_MS):
        fail("no reply to " + name)
    return socket.recv_multipart()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connect", required=True)
    parser.add_argument("--max-seconds", type=int, default=60)
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, lambda *_: fail("ran longer than %d s" % args.max_seconds))
    signal.alarm(args.max_seconds)

    context = zmq.Context()
    socket = context.socket(zmq.REQ)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(args.connect)
    out("READY " + args.connect)
    for line in sys.stdin:
        words = line.split()
        if len(words) == 2 and words[0] == "ASK":
            out("REPLY " + ".".join(frame.hex() for frame in ask(socket, words[1])))
        elif words == ["STATS"]:
            frames = ask(socket, "STATISTICS")
            values = [str(struct.unpack("=Q", frame)[0]) if len(frame) == 8 else "bad-frame" for frame in frames]
            out("STATS %d %s" % (len(frames), " ".join(values)))
        else:
            fail("unknown command: " + line.strip())
    socket.close()
    context.term()


if __name__ == "__main__":
    main()
