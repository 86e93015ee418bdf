#!/usr/bin/python3
"""Runs a pyzmq (libzmq) peer whose code the test gives inline, for the examples' interop tests.

Usage: pyzmq_peer.py CODE [ARG...]
CODE runs with these names defined: zmq, context (a zmq.Context), args (the ARGs), out(line) (prints a line
at once), fail(text) (prints ERROR <text> and exits with status 2) and command() (the next line of stdin).
The conventions of the tests' PythonPeerProcess hold: the code prints READY <endpoint> first, and the peer exits
when its stdin ends, whatever the code is doing then.
"""

import os
import queue
import sys
import threading
import traceback

import zmq


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(text):
    out("ERROR " + text)
    os._exit(2)


stdin_lines = queue.Queue()


def command():
    return stdin_lines.get()


def read_stdin():
    line = sys.stdin.readline()
    while line:
        stdin_lines.put(line.strip())
        line = sys.stdin.readline()
    os._exit(0)


def main():
    threading.Thread(target=read_stdin, daemon=True).start()
    names = {"zmq": zmq, "context": zmq.Context(), "args": sys.argv[2:], "out": out, "fail": fail,
             "command": command}
    try:
        exec(compile(sys.argv[1], "<inline peer>", "exec"), names)
    except Exception:
        fail(traceback.format_exc().strip().replace("\n", " | "))
    # The code finished: wait for the test to end the conversation (end of stdin).
    threading.Event().wait()


if __name__ == "__main__":
    main()
