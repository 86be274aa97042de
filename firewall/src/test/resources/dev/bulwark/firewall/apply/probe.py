# Test prober: argv[1] is the timeout in seconds, then targets "tcp|udp,address,port". Tries them
# all at once and prints "proto,address,port,result" per target, result being open (connected or
# echoed), refused (RST or ICMP unreachable) or filtered (no answer within the timeout).
import socket
import sys
import threading

timeout = float(sys.argv[1])
results = {}


def probe(target):
    proto, address, port = target.split(",")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(family, kind)
    s.settimeout(timeout)
    try:
        s.connect((address, int(port)))
        if kind == socket.SOCK_DGRAM:
            s.send(b"probe")
            s.recv(64)
        results[target] = "open"
    except ConnectionRefusedError:
        results[target] = "refused"
    except (socket.timeout, TimeoutError):
        results[target] = "filtered"
    except OSError as e:
        results[target] = "error:" + str(e.errno)
    finally:
        s.close()


threads = [threading.Thread(target=probe, args=(t,)) for t in sys.argv[2:]]
for t in threads:
    t.start()
for t in threads:
    t.join()
for t in sys.argv[2:]:
    print(t + "," + results[t])
