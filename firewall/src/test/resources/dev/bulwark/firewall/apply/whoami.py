# Test helper. "serve PORT": accept TCP connections on [::] (dual stack) and send each peer its
# own address as this side sees it; prints "ready" once listening. "ask ADDRESS PORT TIMEOUT":
# connect and print what the server sent, or refused / filtered.
import socket
import sys

if sys.argv[1] == "serve":
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::", int(sys.argv[2])))
    s.listen(16)
    print("ready", flush=True)
    while True:
        conn, peer = s.accept()
        address = peer[0][7:] if peer[0].startswith("::ffff:") else peer[0]
        conn.sendall(address.encode())
        conn.close()
else:
    address, port, timeout = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    c = socket.socket(family, socket.SOCK_STREAM)
    c.settimeout(timeout)
    try:
        c.connect((address, port))
        print(c.recv(256).decode())
    except ConnectionRefusedError:
        print("refused")
    except (socket.timeout, TimeoutError):
        print("filtered")
