"""Tries every target given as proto/address/port at once; prints 'target open' or 'target closed'.

TCP is open when the handshake completes; UDP when the echo comes back. Timeout: argv[1] seconds.
"""
import socket
import sys
import threading

timeout = float(sys.argv[1])
results = {}


def probe(spec):
    proto, address, port = spec.split("/")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(family, kind)
    s.settimeout(timeout)
    try:
        if proto == "tcp":
            s.connect((address, int(port)))
        else:
            s.sendto(b"ping", (address, int(port)))
            s.recvfrom(512)
        results[spec] = "open"
    except OSError:
        results[spec] = "closed"
    finally:
        s.close()


threads = [threading.Thread(target=probe, args=(t,)) for t in sys.argv[2:]]
for t in threads:
    t.start()
for t in threads:
    t.join()
for t in sys.argv[2:]:
    print(t, results[t])
