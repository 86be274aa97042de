# Test listener: binds TCP and UDP on [::] (dual stack) for every port given, prints "ready",
# then accepts TCP connections (closing them) and echoes UDP datagrams, until killed.
import select
import socket
import sys

sockets = []
for port in (int(p) for p in sys.argv[1:]):
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        s = socket.socket(socket.AF_INET6, kind)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("::", port))
        if kind == socket.SOCK_STREAM:
            s.listen(64)
        sockets.append(s)
print("ready", flush=True)
while True:
    readable, _, _ = select.select(sockets, [], [])
    for s in readable:
        if s.type == socket.SOCK_STREAM:
            conn, _ = s.accept()
            conn.close()
        else:
            data, peer = s.recvfrom(2048)
            s.sendto(data, peer)
