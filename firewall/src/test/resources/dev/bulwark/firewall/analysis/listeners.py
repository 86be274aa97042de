"""Listens on every endpoint given as proto/address/port; TCP accepts and closes, UDP echoes.

Prints 'ready' once every socket is bound, then serves until killed. IPv6 sockets are v6-only so
that an IPv4 socket can share the port.
"""
import selectors
import socket
import sys

sel = selectors.DefaultSelector()
for spec in sys.argv[1:]:
    proto, address, port = spec.split("/")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((address, int(port)))
    if kind == socket.SOCK_STREAM:
        s.listen(16)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, proto)
print("ready", flush=True)
while True:
    for key, _ in sel.select():
        s = key.fileobj
        try:
            if key.data == "tcp":
                conn, _ = s.accept()
                conn.sendall(b"hi\n")
                conn.close()
            else:
                data, peer = s.recvfrom(512)
                s.sendto(data, peer)
        except OSError:
            pass
