"""Golden-scenario listeners: every argument is proto/address/port; TCP accepts and closes, UDP
echoes from the very address the datagram was sent to (IP_PKTINFO), so that a wildcard socket
answers a probe of any of the host's addresses. IPv6 sockets are v6-only. Prints 'ready' once
every socket is bound, then serves until killed."""
import selectors
import socket
import sys

IP_PKTINFO, IPV6_RECVPKTINFO, IPV6_PKTINFO = 8, 49, 50
sel = selectors.DefaultSelector()
for spec in sys.argv[1:]:
    proto, address, port = spec.split("/")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    if proto == "udp":
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVPKTINFO, 1)
        else:
            s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
    s.bind((address, int(port)))
    if proto == "tcp":
        s.listen(64)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, proto)
print("ready", flush=True)
while True:
    for key, _ in sel.select():
        s = key.fileobj
        try:
            if key.data == "tcp":
                conn, _ = s.accept()
                conn.close()
            else:
                data, anc, _, peer = s.recvmsg(512, 256)
                reply = []
                for level, kind, value in anc:
                    if level == socket.IPPROTO_IP and kind == IP_PKTINFO:
                        # struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }
                        reply = [(level, IP_PKTINFO, b"\0\0\0\0" + value[8:12] + b"\0\0\0\0")]
                    elif level == socket.IPPROTO_IPV6 and kind == IPV6_PKTINFO:
                        # struct in6_pktinfo { in6_addr addr; int ifindex; }
                        reply = [(level, IPV6_PKTINFO, value[:16] + b"\0\0\0\0")]
                s.sendmsg([data], reply, 0, peer)
        except OSError:
            pass
