"""Servers for tests, started from a line of ``key=value`` settings, in this process (Python) or in a JVM (Java).

The same line protocol drives ``python3 -m forwardlearn_device.testing`` (read by the Java test suite) and the
Java test main ``org.forwardlearn.physical.hil.TestServerMain`` (read by this package's tests): on stdin
``start KEY=VALUE ...`` answers ``port N``; ``stats N`` answers ``stats N measured_batches measured_rows
cache_hits measure_requests``; ``stop N`` answers ``stopped N``; end of input stops everything.
Keys: seed, noise, inputs, outputs, max_batch (the example device), token, hello_ms, request_ms, min_rate,
and ``fault=I:KIND[:ARG[:ARG2]]`` (KIND drop_before | drop_after | late:SECONDS | malformed | error:CODE:MESSAGE
| restart:DEVICE_ID) on the I-th MEASURE (0-based).
"""

import os
import subprocess
import sys

from . import protocol as P
from .examples.acoustic import AcousticExample
from .server import DeviceServer, Fault


def parse_settings(words):
    kv, faults = {}, {}
    for w in words:
        k, _, v = w.partition("=")
        if k == "fault":
            parts = v.split(":")
            i, kind = int(parts[0]), parts[1]
            if kind == "late":
                faults[i] = Fault("late", seconds=float(parts[2]))
            elif kind == "error":
                faults[i] = Fault("error", code=P.ERROR_CODES[parts[2]], message=":".join(parts[3:]) or "injected")
            elif kind == "restart":
                faults[i] = Fault("restart", device_id=parts[2])
            else:
                faults[i] = Fault(kind)
        else:
            kv[k] = v
    return kv, faults




def settings_line(cfg):
    """``key=value`` words of a dict (None values left out; a "faults" dict {i: "kind[:arg]"} as fault= words)."""
    words = []
    for k, v in cfg.items():
        if k == "faults":
            words += ["fault=%d:%s" % (i, f) for i, f in sorted(v.items())]
        elif v is not None:
            words.append("%s=%s" % (k, v))
    return " ".join(words)


def python_server(words):
    kv, faults = parse_settings(words)
    dev = AcousticExample(seed=int(kv.get("seed", 0)), noise=float(kv.get("noise", 0.01)), inputs=int(kv.get("inputs", 20)),
                          outputs=int(kv.get("outputs", 20)), max_batch=int(kv.get("max_batch", 4096)))
    token = kv.get("token")
    return DeviceServer(dev, token=token.encode("utf-8") if token else None,
                        hello_timeout=int(kv.get("hello_ms", 5000)) / 1000, request_timeout=int(kv.get("request_ms", 5000)) / 1000,
                        min_bytes_per_second=int(kv.get("min_rate", 1 << 20)), faults=faults)


class JavaServers:
    """A JVM running ``TestServerMain`` (class path from $FORWARDLEARN_TEST_CLASSPATH); ``start(cfg)`` -> port."""

    def __init__(self, classpath=None):
        cp = classpath or os.environ.get("FORWARDLEARN_TEST_CLASSPATH")
        if not cp:
            raise RuntimeError("Expected FORWARDLEARN_TEST_CLASSPATH (the physical module's test class path; set by the "
                               "Maven build) (got none)")
        self.proc = subprocess.Popen(["java", "-cp", cp, "org.forwardlearn.physical.hil.TestServerMain"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def _ask(self, line, expect):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().split()
        if not answer or answer[0] != expect:
            raise RuntimeError("Expected '%s ...' from the Java test server (got %r)" % (expect, answer))
        return answer

    def start(self, cfg):
        return int(self._ask("start " + settings_line(cfg), "port")[1])

    def stats(self, port):
        a = self._ask("stats %d" % port, "stats")
        return dict(zip(("measured_batches", "measured_rows", "cache_hits", "measure_requests"), map(int, a[2:6])))

    def stop(self, port):
        self._ask("stop %d" % port, "stopped")

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        finally:
            self.proc.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main():
    servers = {}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "start":
            s = python_server(words[1:])
            servers[s.port] = s
            print("port %d" % s.port, flush=True)
        elif words[0] == "stats":
            s = servers[int(words[1])]
            print("stats %d %d %d %d %d" % (s.port, s.measured_batches, s.measured_rows, s.cache_hits, s.measure_requests), flush=True)
        elif words[0] == "stop":
            servers.pop(int(words[1])).close()
            print("stopped %s" % words[1], flush=True)
    for s in servers.values():
        s.close()


if __name__ == "__main__":
    main()
