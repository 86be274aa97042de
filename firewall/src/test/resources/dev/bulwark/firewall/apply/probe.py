# Test prober: argv[1] is the timeout in seconds, then targets "tcp|udp,address,port". Tries them
# all at once and prints "proto,address,port,result" per target, result being open (connected or
# echoed), refused (RST or ICMP unreachable) or filtered (no answer within the timeout).
#
# With "--serve TIMEOUT" it stays up instead: each line read is "<first source port> <target>...",
# the targets are tried at once (target i from source port first + i, so that no two probes of a
# run share a conntrack tuple), and it prints "proto,address,port,result,answer" per target (the
# answer is what the listener sent back, empty if nothing came) and then "end".
import socket
import sys
import threading


def probe(target, timeout, results, source_port=0, answer=False):
    proto, address, port = target.split(",")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(family, kind)
    s.settimeout(timeout)
    said = ""
    try:
        if source_port:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", source_port))
        s.connect((address, int(port)))
        if kind == socket.SOCK_DGRAM:
            s.send(b"probe")
            said = s.recv(64).decode("ascii", "replace").strip()
        elif answer:
            try:
                said = s.recv(64).decode("ascii", "replace").strip()
            except OSError:
                pass
        results[target] = "open"
    except ConnectionRefusedError:
        results[target] = "refused"
    except (socket.timeout, TimeoutError):
        results[target] = "filtered"
    except OSError as e:
        results[target] = "error:" + str(e.errno)
    finally:
        s.close()
    if answer:
        results[target] += "," + said.replace(",", ";")


def run(targets, timeout, first_port=0, answer=False):
    results = {}
    threads = [threading.Thread(target=probe, args=(t, timeout, results, first_port + i if first_port else 0, answer))
               for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


if sys.argv[1] == "--serve":
    timeout = float(sys.argv[2])
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        targets = words[1:]
        results = run(targets, timeout, int(words[0]), True)
        sys.stdout.write("".join(t + "," + results[t] + "\n" for t in targets) + "end\n")
        sys.stdout.flush()
else:
    targets = sys.argv[2:]
    results = run(targets, float(sys.argv[1]))
    for t in targets:
        print(t + "," + results[t])
