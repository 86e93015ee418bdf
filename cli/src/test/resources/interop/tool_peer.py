"""A libzmq peer (pyzmq over the system libzmq) for the monocoque peer-tool interop tests.

usage: tool_peer.py TYPE bind|connect ENDPOINT MODE N [SPEC...]

A SPEC is a message: its frames in lower-case hex joined by '.' ('' is one empty frame). A SUB subscribes to
everything; a PUB is an XPUB underneath that waits for the first subscription before it sends (so nothing is lost
to the slow-joiner window).
Prints 'READY <endpoint>' once bound (the real endpoint) or connected, then by MODE:
  recv  print 'MSG <spec>' for each of N messages received
  send  send each SPEC
  ask   send each SPEC, receive one reply to each and print 'REPLY <spec>' (REQ, DEALER)
  echo  N times: receive a message, print 'MSG <spec>', send it back unchanged
and finally 'DONE <N>'. Any wait longer than 10 s prints 'ERROR timeout' and exits 1; the process also gives up
after 60 s in all.
"""
import binascii
import signal
import sys

import zmq


def spec(frames):
    return '.'.join(binascii.hexlify(f).decode('ascii') for f in frames)


def frames(text):
    return [binascii.unhexlify(part) for part in text.split('.')]


def main():
    signal.alarm(60)
    kind, how, endpoint, mode, count = sys.argv[1:6]
    specs = sys.argv[6:]
    context = zmq.Context()
    socket = context.socket(zmq.XPUB if kind == 'PUB' else getattr(zmq, kind))
    socket.rcvtimeo = 10000
    socket.sndtimeo = 10000
    socket.linger = 5000
    if kind == 'SUB':
        socket.setsockopt(zmq.SUBSCRIBE, b'')
    if how == 'bind':
        socket.bind(endpoint)
        endpoint = socket.getsockopt_string(zmq.LAST_ENDPOINT)
    else:
        socket.connect(endpoint)
    print('READY ' + endpoint, flush=True)
    try:
        if mode == 'recv':
            for _ in range(int(count)):
                print('MSG ' + spec(socket.recv_multipart()), flush=True)
        elif mode in ('send', 'ask'):
            if kind == 'PUB':
                socket.recv()  # the first subscription
            for text in specs:
                socket.send_multipart(frames(text))
                if mode == 'ask':
                    print('REPLY ' + spec(socket.recv_multipart()), flush=True)
        elif mode == 'echo':
            for _ in range(int(count)):
                message = socket.recv_multipart()
                print('MSG ' + spec(message), flush=True)
                socket.send_multipart(message)
        else:
            raise ValueError('unknown mode ' + mode)
        print('DONE ' + count, flush=True)
    except zmq.Again:
        print('ERROR timeout', flush=True)
        sys.exit(1)
    finally:
        socket.close()
        context.term()


if __name__ == '__main__':
    main()
