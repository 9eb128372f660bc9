"""Runner of the protocol conformance cases (``python/conformance/cases.json``, described in PROTOCOL.md).

Any implementation of the device side can be checked with it: serve the example device of the file's
``device`` section with each ``servers`` configuration, then run the cases::

    python3 -m forwardlearn_device.conformance --host 127.0.0.1 --port 7001 --server plain [--case NAME]

(one server per case is what the project's runners do, so that the cases do not see each other's state;
against a single long-lived server run the cases one at a time).
"""

import argparse
import json
import os
import socket
import struct
import sys
import time

from . import protocol as P

CASES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "conformance", "cases.json")
TYPES = {v: k for k, v in P.TYPE_NAMES.items()}
DEFAULT_WAIT = 3.0


def load(path=CASES):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class CaseFailure(AssertionError):
    pass


def _payload(fields, saved):
    out = b""
    for kind, v in fields:
        if kind == "u8":
            out += struct.pack(">B", v)
        elif kind == "u16":
            out += struct.pack(">H", v)
        elif kind == "i32":
            out += struct.pack(">i", v)
        elif kind == "i64":
            out += struct.pack(">q", v)
        elif kind == "f32":
            out += struct.pack(">f", v)
        elif kind == "f64":
            out += struct.pack(">d", v)
        elif kind in ("str", "utf8"):
            out += P.put_str(v)
        elif kind == "hex":
            out += bytes.fromhex(v)
        elif kind == "blob_of":
            blob = saved[v]
            out += struct.pack(">i", len(blob)) + blob
        else:
            raise ValueError("Expected a field kind u8|u16|i32|i64|f32|f64|str|utf8|hex|blob_of (got %r)" % kind)
    return out


def encode_send(send, saved):
    """The bytes of a ``send`` step: a header (with optional overrides) and the payload."""
    payload = _payload(send.get("payload", []), saved)
    type_ = send["type_code"] if "type_code" in send else TYPES[send["type"]]
    length = send.get("length", len(payload))
    return P.header(type_, length, send.get("flags", 0), send.get("magic", P.MAGIC), send.get("version", P.VERSION)) + payload


def _recv_exact(sock, n, deadline):
    buf = b""
    while len(buf) < n:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        k = sock.recv(n - len(buf))
        if not k:
            raise ConnectionError("closed")
        buf += k
    return buf


def _read_frame(sock, wait):
    deadline = time.monotonic() + wait
    h = _recv_exact(sock, P.HEADER_BYTES, deadline)
    magic, version, type_, flags, n = P.HEADER.unpack(h)
    if magic != P.MAGIC or version != P.VERSION or n > P.MAX_PAYLOAD:
        raise CaseFailure("Expected a valid frame header (got %s)" % h.hex())
    return type_, _recv_exact(sock, n, deadline)


def _check(cond, what):
    if not cond:
        raise CaseFailure(what)


def _expect(sock, e, saved, wait):
    t0 = time.monotonic()
    try:
        type_, p = _read_frame(sock, wait)
    except (ConnectionError, OSError) as x:
        raise CaseFailure("Expected a %s frame (got %r)" % (e["type"], x))
    got = P.TYPE_NAMES.get(type_, type_)
    detail = ""
    if type_ == P.ERROR:
        c, b, m = P.decode_error(p)
        detail = " %s %r" % (P.ERROR_NAMES.get(c, c), m)
    _check(got == e["type"], "Expected a %s frame (got %s%s)" % (e["type"], got, detail))
    if "within_ms" in e:
        ms = (time.monotonic() - t0) * 1000
        _check(ms <= e["within_ms"], "Expected the answer within %d ms (got it after %.0f ms)" % (e["within_ms"], ms))
    if type_ == P.ERROR:
        code, bid, msg = P.decode_error(p)
        _check(P.ERROR_NAMES.get(code) == e["code"], "Expected ERROR %s (got %s: %r)" % (e["code"], P.ERROR_NAMES.get(code, code), msg))
        if "message" in e:
            _check(msg == e["message"], "Expected message %r (got %r)" % (e["message"], msg))
        if "message_prefix" in e:
            _check(msg.startswith(e["message_prefix"]), "Expected a message starting %r (got %r)" % (e["message_prefix"], msg))
        if "batch_id" in e:
            _check(bid == e["batch_id"], "Expected batch id %d in the ERROR (got %d)" % (e["batch_id"], bid))
    elif type_ == P.SPEC:
        d = P.decode_spec(p)
        for k, v in e.get("fields", {}).items():
            g = list(d[k]) if isinstance(d[k], tuple) else d[k]
            _check(g == v, "Expected SPEC %s = %r (got %r)" % (k, v, g))
    elif type_ == P.RESULT:
        bid, _, counter, flags, dtype, rows, cols = P.RESULT_HEAD.unpack_from(p)
        values = p[P.RESULT_HEAD.size:]
        for k, g in (("batch_id", bid), ("rows", rows), ("cols", cols), ("dtype", dtype), ("cached", bool(flags & 1))):
            if k in e:
                _check(g == e[k], "Expected RESULT %s = %r (got %r)" % (k, e[k], g))
        _check(len(values) == rows * cols * P.DTYPE_BYTES.get(dtype, 0), "Expected %dx%d values (got %d bytes)" % (rows, cols, len(values)))
        if "same_values_as" in e:
            _check(values == saved[e["same_values_as"]], "Expected the same values as %s (got others)" % e["same_values_as"])
        if "save_as" in e:
            saved[e["save_as"]] = values
    elif type_ == P.STATE:
        counter, blob = P.decode_state(p)
        if "state_counter" in e:
            _check(counter == e["state_counter"], "Expected state counter %d (got %d)" % (e["state_counter"], counter))
        if "blob_bytes" in e:
            _check(len(blob) == e["blob_bytes"], "Expected %d state bytes (got %d)" % (e["blob_bytes"], len(blob)))
        if "save_as" in e:
            saved[e["save_as"]] = blob


def _expect_closed(sock, wait):
    deadline = time.monotonic() + wait
    while True:
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            k = sock.recv(4096)
        except ConnectionResetError:
            return
        except socket.timeout:
            raise CaseFailure("Expected the device to close the connection within %.1f s (got it open)" % wait)
        if not k:
            return
        raise CaseFailure("Expected the device to close the connection (got %d more bytes)" % len(k))


def run_case(case, host, port):
    """Runs one case against a server; raises :class:`CaseFailure` naming the step."""
    conns, saved = {}, {}

    def conn(name):
        if name not in conns:
            conns[name] = socket.create_connection((host, port), timeout=DEFAULT_WAIT)
        return conns[name]

    try:
        for i, step in enumerate(case["steps"]):
            name = step.get("conn", "a")
            try:
                if "send" in step:
                    conn(name).sendall(encode_send(step["send"], saved))
                elif "send_hex" in step:
                    conn(name).sendall(bytes.fromhex(step["send_hex"]))
                elif "expect" in step:
                    e = dict(step["expect"])
                    if "within_ms" in step:
                        e["within_ms"] = step["within_ms"]
                    _expect(conn(name), e, saved, e.get("within_ms", DEFAULT_WAIT * 1000) / 1000 + 0.5)
                elif "expect_closed" in step:
                    _expect_closed(conn(name), DEFAULT_WAIT)
                elif "close" in step:
                    conns.pop(step["close"]).close()
                elif "sleep_ms" in step:
                    time.sleep(step["sleep_ms"] / 1000)
                else:
                    raise ValueError("Expected a step send|send_hex|expect|expect_closed|close|sleep_ms (got %r)" % step)
            except CaseFailure as e:
                raise CaseFailure("%s, step %d (%s): %s" % (case["name"], i, next(iter(step)), e))
            except OSError as e:
                raise CaseFailure("%s, step %d (%s): %r" % (case["name"], i, next(iter(step)), e))
    finally:
        for s in conns.values():
            s.close()


def main(argv=None):
    a = argparse.ArgumentParser(prog="python3 -m forwardlearn_device.conformance")
    a.add_argument("--host", default="127.0.0.1")
    a.add_argument("--port", type=int, required=True)
    a.add_argument("--server", default="plain", help="run the cases written for this server configuration")
    a.add_argument("--case", action="append", help="only these cases")
    a.add_argument("--cases", default=CASES)
    args = a.parse_args(argv)
    doc = load(args.cases)
    failed = 0
    for c in doc["cases"]:
        if c["server"] != args.server or (args.case and c["name"] not in args.case):
            continue
        try:
            run_case(c, args.host, args.port)
            print("pass  %s" % c["name"])
        except CaseFailure as e:
            failed += 1
            print("FAIL  %s" % e)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
