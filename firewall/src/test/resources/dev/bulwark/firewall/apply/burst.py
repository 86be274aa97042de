# Test helper: "ADDRESS PORT COUNT TIMEOUT" opens COUNT TCP connections one after the other and
# prints one word per attempt: open, refused or filtered.
import socket
import sys

address, port, count, timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
family = socket.AF_INET6 if ":" in address else socket.AF_INET
words = []
for _ in range(count):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect((address, port))
        words.append("open")
    except ConnectionRefusedError:
        words.append("refused")
    except (socket.timeout, TimeoutError):
        words.append("filtered")
    finally:
        s.close()
print(" ".join(words))
