#!/usr/bin/python3
"""A libzmq (pyzmq) peer for Monocoque's interop tests, driven as a child process by
io.monocoque.api.interop.libzmq.LibzmqPeer.

Usage:
  zmq_peer.py --type TYPE (--bind EP | --connect EP) --mode MODE [options]

TYPE  PAIR, DEALER, ROUTER, REQ, REP, PUSH, PULL.
MODE  echo    receive --count messages and send each straight back (REP, ROUTER, DEALER, PAIR; a ROUTER
              sends the reply to the routing id the message came from).
      sink    receive --count messages (PULL, or any receiving type).
      source  send the messages given (PUSH, DEALER, PAIR).
      client  send the messages given and receive one reply for each (REQ lock-step; DEALER pipelined).

Messages to send: --msg SPEC (repeatable, in order), SPEC = frames as hex joined by '.', so 'aa.' is the
two frames 0xaa and empty, and '' is one empty frame; or --gen N --size S: N single-frame messages of S bytes,
message i = i as 8-byte big-endian followed by bytes (i + j) & 0xff for j = 8..S-1.

Options: --identity HEX (ZMQ_ROUTING_ID), --timeout-ms T (send/receive timeout, default 10000),
--max-seconds T (hard limit of the whole run, default 60).

Output, one line each, on stdout:
  READY <last_endpoint>   once bound or connected
  PEER <hex>              a ROUTER's first message from a routing id not seen before
  MSG <SPEC>              each message received (routing frame excluded), if its frames total <= 4096 bytes
  MSGHASH <sha256> <len>  instead, for larger messages: SHA-256 over each frame's 4-byte big-endian length and
                          bytes, and the total of frame lengths
  DONE <n>                after n messages handled and the socket closed (flushed); exit status 0
  ERROR <text>            on a failure (timeout...); exit status 2
The peer also exits as soon as its stdin reaches end of file, so it never outlives the JVM that started it.
"""

import argparse
import hashlib
import os
import signal
import struct
import sys
import threading
import time

import zmq

TYPES = {
    "PAIR": zmq.PAIR,
    "DEALER": zmq.DEALER,
    "ROUTER": zmq.ROUTER,
    "REQ": zmq.REQ,
    "REP": zmq.REP,
    "PUSH": zmq.PUSH,
    "PULL": zmq.PULL,
}

INLINE_LIMIT = 4096


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


def report(frames):
    total = sum(len(frame) for frame in frames)
    if total <= INLINE_LIMIT:
        out("MSG " + to_spec(frames))
    else:
        digest = hashlib.sha256()
        for frame in frames:
            digest.update(struct.pack(">I", len(frame)))
            digest.update(frame)
        out("MSGHASH %s %d" % (digest.hexdigest(), total))


def generated(count, size):
    # Built by slicing a repeated 0..255 pattern, so a 1 MiB message takes milliseconds.
    pattern = bytes(range(256)) * 2
    for i in range(count):
        head = struct.pack(">q", i)
        tail = bytearray()
        j = 8
        while j < size:
            start = (i + j) & 0xFF
            n = min(256, size - j)
            tail += pattern[start:start + n]
            j += n
        yield [head + bytes(tail)]


def watch_stdin():
    # End of stdin means the test JVM is gone: never outlive it.
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except Exception:
        pass
    os._exit(3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--type", required=True, choices=sorted(TYPES))
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--bind")
    where.add_argument("--connect")
    parser.add_argument("--mode", required=True, choices=["echo", "sink", "source", "client", "stall"])
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--msg", action="append", default=[])
    parser.add_argument("--gen", type=int, default=0)
    parser.add_argument("--size", type=int, default=16)
    parser.add_argument("--identity")
    parser.add_argument("--timeout-ms", type=int, default=10000)
    parser.add_argument("--max-seconds", type=int, default=60)
    parser.add_argument("--rcvhwm", type=int)
    parser.add_argument("--rcvbuf", type=int)
    args = parser.parse_args()

    threading.Thread(target=watch_stdin, daemon=True).start()
    signal.signal(signal.SIGALRM, lambda *_: fail("ran longer than %d s" % args.max_seconds))
    signal.alarm(args.max_seconds)

    if args.gen:
        if args.size < 8:
            fail("--size must be at least 8")
        outgoing = list(generated(args.gen, args.size))
    else:
        outgoing = [parse_spec(spec) for spec in args.msg]

    context = zmq.Context()
    socket = context.socket(TYPES[args.type])
    socket.setsockopt(zmq.LINGER, 5000)
    socket.setsockopt(zmq.RCVTIMEO, args.timeout_ms)
    socket.setsockopt(zmq.SNDTIMEO, args.timeout_ms)
    if args.rcvhwm is not None:
        socket.setsockopt(zmq.RCVHWM, args.rcvhwm)
    if args.rcvbuf is not None:
        socket.setsockopt(zmq.RCVBUF, args.rcvbuf)
    if args.identity is not None:
        socket.setsockopt(zmq.ROUTING_ID, bytes.fromhex(args.identity))
    if args.type == "ROUTER":
        socket.setsockopt(zmq.ROUTER_MANDATORY, 1)  # never drop a reply silently
    if args.bind:
        socket.bind(args.bind)
    else:
        socket.connect(args.connect)
    out("READY " + socket.getsockopt_string(zmq.LAST_ENDPOINT))

    seen = set()

    def receive():
        frames = socket.recv_multipart()
        if args.type == "ROUTER":
            routing_id, frames = frames[0], frames[1:]
            if routing_id not in seen:
                seen.add(routing_id)
                out("PEER " + routing_id.hex())
            return routing_id, frames
        return None, frames

    done = 0
    try:
        if args.mode == "echo":
            for _ in range(args.count):
                routing_id, frames = receive()
                report(frames)
                socket.send_multipart(([routing_id] if routing_id is not None else []) + frames)
                done += 1
        elif args.mode == "sink":
            for _ in range(args.count):
                _, frames = receive()
                report(frames)
                done += 1
        elif args.mode == "source":
            for frames in outgoing:
                socket.send_multipart(frames)
                done += 1
        elif args.mode == "client" and args.type == "REQ":
            for frames in outgoing:
                socket.send_multipart(frames)
                _, reply = receive()
                report(reply)
                done += 1
        elif args.mode == "client":
            # Pipelined: send while the socket can take more, receive whatever has come back.
            poller = zmq.Poller()
            poller.register(socket, zmq.POLLIN | zmq.POLLOUT)
            sent = 0
            while done < len(outgoing):
                flags = zmq.POLLIN | (zmq.POLLOUT if sent < len(outgoing) else 0)
                poller.modify(socket, flags)
                events = dict(poller.poll(args.timeout_ms))
                if not events:
                    fail("timeout after sending %d and receiving %d" % (sent, done))
                if events[socket] & zmq.POLLIN:
                    _, reply = receive()
                    report(reply)
                    done += 1
                elif events[socket] & zmq.POLLOUT:
                    socket.send_multipart(outgoing[sent])
                    sent += 1
        elif args.mode == "stall":
            # Send, then never read again: a peer that stopped reading, until the test closes stdin.
            for frames in outgoing:
                socket.send_multipart(frames)
                done += 1
            out("STALLED %d" % done)
            while True:
                time.sleep(1)
        else:
            fail("mode %s does not fit %s" % (args.mode, args.type))
    except zmq.Again:
        fail("timeout after %d messages in mode %s" % (done, args.mode))
    except zmq.ZMQError as error:
        fail("%s after %d messages in mode %s" % (error, done, args.mode))

    socket.close()  # lingers up to 5 s to flush
    context.term()
    out("DONE %d" % done)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
