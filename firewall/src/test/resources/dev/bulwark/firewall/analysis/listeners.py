"""Listens on every endpoint given as proto/address/port; TCP accepts, answers and closes, UDP answers.

The answer names the socket that received the connection ("<name>:<proto>/<address>/<port>",
name from an optional leading "--name NAME", default "host"), so a prober can tell which socket a
NAT rule led it to. Prints 'ready' once every socket is bound, then serves until killed. IPv6
sockets are v6-only so that an IPv4 socket can share the port.
"""
import selectors
import socket
import sys

sel = selectors.DefaultSelector()
args = sys.argv[1:]
name = "host"
if args[:1] == ["--name"]:
    name, args = args[1], args[2:]
for spec in args:
    proto, address, port = spec.split("/")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((address, int(port)))
    if kind == socket.SOCK_STREAM:
        s.listen(64)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, (proto, (name + ":" + spec + "\n").encode()))
print("ready", flush=True)
while True:
    for key, _ in sel.select():
        s = key.fileobj
        try:
            proto, answer = key.data
            if proto == "tcp":
                conn, _ = s.accept()
                conn.sendall(answer)
                conn.close()
            else:
                _, peer = s.recvfrom(512)
                s.sendto(answer, peer)
        except OSError:
            pass
