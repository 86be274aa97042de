# Golden-scenario prober: reads "source proto destination port" lines on stdin, tries them all at
# once (TCP connect; UDP send + wait for the echo) from the given source address, and prints
# "source proto destination port open|closed" per line, in input order. argv[1] is the timeout (s).
import socket
import sys
import threading

timeout = float(sys.argv[1])
targets = [l.split() for l in sys.stdin if l.strip()]
results = {}


def probe(i, src, proto, dst, port):
    family = socket.AF_INET6 if ":" in dst else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
    s.settimeout(timeout)
    try:
        s.bind((src, 0))
    except OSError as e:
        results[i] = "error:bind:" + str(e.errno)
        s.close()
        return
    try:
        s.connect((dst, int(port)))
        if proto == "udp":
            s.send(b"probe")
            s.recv(64)
        results[i] = "open"
    except OSError:
        results[i] = "closed"
    finally:
        s.close()


threads = [threading.Thread(target=probe, args=(i, *t)) for i, t in enumerate(targets)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i, t in enumerate(targets):
    print(" ".join(t), results[i])
