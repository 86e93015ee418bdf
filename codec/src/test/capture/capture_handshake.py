#!/usr/bin/python3
"""Capture the bytes a real ZeroMQ peer sends during a ZMTP 3 NULL handshake.

Stdlib only. Listens on 127.0.0.1 (an ephemeral port), starts the peer command given after "--" (every
"{endpoint}" in it becomes tcp://127.0.0.1:PORT and every "{port}" the port number), accepts the peer's
connection and plays the other side of the handshake:

  1. right after accept, sends a ZMTP 3.1 greeting: FF, 8 x 00, 7F, 03 01, "NULL" padded to 20 bytes,
     as-server 00, 31 x 00 (libzmq sends its greeting in two parts and waits for ours in between, so ours
     must not wait for theirs);
  2. once the peer's 64-byte greeting is in, sends READY with Socket-Type set by --socket-type (it must be
     compatible with the peer: libzmq only sends queued messages and subscriptions once the handshake is
     complete);
  3. records every byte the peer sends, from the first, until --seconds after READY went out (or the peer
     closes), then writes them as lowercase hex, 64 hex digits a line, after '#' comment lines saying what
     produced them, when and how to regenerate them.

Anything the peer command prints on stdout in lines starting with "peer:" (e.g. its library version) is
copied into the comments.

Example, run from the repository root:

  /usr/bin/python3 codec/src/test/capture/capture_handshake.py --socket-type ROUTER \\
      --out codec/src/test/resources/captures/libzmq-4.3-dealer.hex \\
      -- /usr/bin/python3 codec/src/test/capture/libzmq_peer.py dealer {endpoint}
"""

import argparse
import datetime
import os
import shlex
import socket
import struct
import subprocess
import sys
import time

GREETING_LENGTH = 64
HEX_LINE = 64


def greeting():
    mechanism = b"NULL".ljust(20, b"\x00")
    data = b"\xff" + b"\x00" * 8 + b"\x7f" + b"\x03\x01" + mechanism + b"\x00" + b"\x00" * 31
    assert len(data) == GREETING_LENGTH
    return data


def command_frame(name, data):
    body = bytes([len(name)]) + name + data
    if len(body) <= 255:
        return bytes([0x04, len(body)]) + body
    return bytes([0x06]) + struct.pack(">Q", len(body)) + body


def ready(socket_type):
    metadata = b""
    for key, value in ((b"Socket-Type", socket_type.encode("ascii")),):
        metadata += bytes([len(key)]) + key + struct.pack(">I", len(value)) + value
    return command_frame(b"READY", metadata)


def describe(data):
    """A one-item-per-line summary of a captured stream, for the comment header (best effort)."""
    lines = []
    if len(data) < GREETING_LENGTH:
        return ["only %d bytes, not a whole greeting" % len(data)]
    g = data[:GREETING_LENGTH]
    mechanism = g[12:32].rstrip(b"\x00").decode("ascii", "replace")
    lines.append("greeting: ZMTP %d.%d, mechanism %s, as-server %d (bytes 0..63)" % (g[10], g[11], mechanism, g[32]))
    pos = GREETING_LENGTH
    message = []
    while pos < len(data):
        start = pos
        if len(data) - pos < 2:
            lines.append("%d trailing bytes" % (len(data) - pos))
            break
        flags = data[pos]
        if flags & 0x02:
            if len(data) - pos < 9:
                lines.append("truncated long header at byte %d" % pos)
                break
            size = struct.unpack(">Q", data[pos + 1:pos + 9])[0]
            pos += 9
        else:
            size = data[pos + 1]
            pos += 2
        body = data[pos:pos + size]
        pos += size
        if len(body) < size:
            lines.append("truncated frame at byte %d" % start)
            break
        if flags & 0x04:
            name_len = body[0]
            name = body[1:1 + name_len].decode("ascii", "replace")
            rest = body[1 + name_len:]
            if name == "READY":
                props = []
                i = 0
                while i < len(rest):
                    n = rest[i]
                    key = rest[i + 1:i + 1 + n].decode("ascii", "replace")
                    vlen = struct.unpack(">I", rest[i + 1 + n:i + 5 + n])[0]
                    value = rest[i + 5 + n:i + 5 + n + vlen]
                    props.append("%s=%r" % (key, value))
                    i += 5 + n + vlen
                detail = " ".join(props)
            else:
                detail = repr(rest)
            lines.append("command %s %s (flags 0x%02x, bytes %d..%d)" % (name, detail, flags, start, pos - 1))
        else:
            message.append((start, flags, body))
            if not flags & 0x01:
                frames = ", ".join(repr(b) for _, _, b in message)
                lines.append("message [%s] (flags %s, bytes %d..%d)" % (
                    frames, " ".join("0x%02x" % f for _, f, _ in message), message[0][0], pos - 1))
                message = []
    if message:
        lines.append("unfinished message of %d frames" % len(message))
    return lines


def to_hex_lines(data):
    text = data.hex()
    return [text[i:i + HEX_LINE] for i in range(0, len(text), HEX_LINE)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--socket-type", required=True, help="Socket-Type we announce in READY, e.g. ROUTER or PUB")
    parser.add_argument("--out", required=True, help=".hex file to write")
    parser.add_argument("--seconds", type=float, default=1.0, help="how long to record after READY (default 1)")
    parser.add_argument("--accept-timeout", type=float, default=60.0, help="how long to wait for the peer")
    parser.add_argument("peer", nargs=argparse.REMAINDER, help="-- peer command; {endpoint} and {port} expand")
    args = parser.parse_args()
    peer = args.peer[1:] if args.peer[:1] == ["--"] else args.peer
    if not peer:
        parser.error("give the peer command after --")

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    endpoint = "tcp://127.0.0.1:%d" % port
    command = [a.replace("{endpoint}", endpoint).replace("{port}", str(port)) for a in peer]

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    received = bytearray()
    try:
        listener.settimeout(args.accept_timeout)
        connection, _ = listener.accept()
        listener.close()
        connection.sendall(greeting())

        deadline = None
        while deadline is None or time.monotonic() < deadline:
            connection.settimeout(None if deadline is None else max(0.01, deadline - time.monotonic()))
            try:
                chunk = connection.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            received += chunk
            if deadline is None and len(received) >= GREETING_LENGTH:
                if received[0] != 0xFF or received[10] != 3:
                    sys.exit("peer did not send a ZMTP 3 greeting: %s" % bytes(received[:GREETING_LENGTH]).hex())
                connection.sendall(ready(args.socket_type))
                deadline = time.monotonic() + args.seconds
        connection.close()
    finally:
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()

    peer_lines = [line[len("peer:"):].strip() for line in output.splitlines() if line.startswith("peer:")]
    home = os.path.expanduser("~")
    regenerate = " ".join(shlex.quote(a) for a in ["/usr/bin/python3"] + sys.argv)
    regenerate = regenerate.replace(home + "/", "~/")

    header = ["# Bytes a ZeroMQ peer sent to a ZMTP 3.1 NULL handshake, captured with codec/src/test/capture/."]
    header += ["# peer: " + line for line in peer_lines]
    header.append("# we sent: ZMTP 3.1 NULL greeting (as-server 0), then READY Socket-Type=%s" % args.socket_type)
    header.append("# captured: %s UTC, %d bytes" % (
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"), len(received)))
    header += ["# decoded: " + line for line in describe(bytes(received))]
    header.append("# regenerate (from the repository root): codec/src/test/capture/regenerate.sh, or")
    header.append("#   " + regenerate)

    with open(args.out, "w") as out:
        out.write("\n".join(header + to_hex_lines(bytes(received))) + "\n")
    print("wrote %d bytes to %s" % (len(received), args.out))
    for line in describe(bytes(received)):
        print("  " + line)


if __name__ == "__main__":
    main()
