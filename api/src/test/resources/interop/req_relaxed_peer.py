#!/usr/bin/python3
"""libzmq (pyzmq) peers for Monocoque's REQ_RELAXED / REQ_CORRELATE interop test. Driven line by line.

Usage:
  req_relaxed_peer.py rep-late --bind EP
      A REP that takes the first request (-> GOT <body>) and answers it only when stdin says ANSWER, so the
      request looks lost to its client; it then answers every later request at once (reply-to-<body>).
  req_relaxed_peer.py req-relaxed --connect EP
      A REQ with ZMQ_REQ_RELAXED and ZMQ_REQ_CORRELATE: sends 'first', waits 300 ms in vain (-> TIMEOUT), waits
      for GO on stdin, sends 'second' and reports the reply it gets (-> REPLY <body>).
Output has READY <endpoint> first, and ERROR <text> on a failure (exit status 2). The peer exits at end of stdin.
"""

import os
import sys

import zmq

REPLY_TIMEOUT_MS = 10000
LOST_REPLY_WAIT_MS = 300


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(text):
    out("ERROR " + text)
    os._exit(2)


def expect_stdin(word):
    line = sys.stdin.readline()
    if not line:
        os._exit(0)
    if line.strip() != word:
        fail("expected " + word + ", got " + line.strip())


def rep_late(context, endpoint):
    rep = context.socket(zmq.REP)
    rep.setsockopt(zmq.LINGER, 0)
    rep.bind(endpoint)
    out("READY " + rep.getsockopt(zmq.LAST_ENDPOINT).decode("ascii"))
    first = rep.recv()
    out("GOT " + first.decode("ascii"))
    expect_stdin("ANSWER")
    rep.send(b"reply-to-" + first)
    while True:
        if not rep.poll(REPLY_TIMEOUT_MS):
            fail("no further request")
        body = rep.recv()
        rep.send(b"reply-to-" + body)
        out("ANSWERED " + body.decode("ascii"))


def req_relaxed(context, endpoint):
    req = context.socket(zmq.REQ)
    req.setsockopt(zmq.LINGER, 0)
    req.setsockopt(zmq.REQ_RELAXED, 1)
    req.setsockopt(zmq.REQ_CORRELATE, 1)
    req.connect(endpoint)
    out("READY " + endpoint)
    req.send(b"first")
    if req.poll(LOST_REPLY_WAIT_MS):
        fail("a reply to 'first' came before the peer was told to answer: " + req.recv().decode("ascii"))
    out("TIMEOUT")
    expect_stdin("GO")
    req.send(b"second")
    if not req.poll(REPLY_TIMEOUT_MS):
        fail("no reply to 'second'")
    out("REPLY " + req.recv().decode("ascii"))
    expect_stdin("END")


def main():
    if len(sys.argv) != 4:
        fail("usage: req_relaxed_peer.py rep-late --bind EP | req-relaxed --connect EP")
    context = zmq.Context()
    if sys.argv[1] == "rep-late":
        rep_late(context, sys.argv[3])
    else:
        req_relaxed(context, sys.argv[3])


if __name__ == "__main__":
    main()
