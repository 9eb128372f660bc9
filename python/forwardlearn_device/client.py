"""A small client of the device protocol, the rules of Java's ``RemotePhysicalSystem``: a fresh batch id per
MEASURE, the identical payload resent with the same id after a timeout, a dropped connection, a malformed
answer or ERROR TRANSIENT (reconnecting with the takeover flag: the session holder may be our own dead
connection), bounded retries with backoff, and the device's identity re-checked on every reconnection.

For a lab: check an adapter end to end before pointing a trainer at it::

    from forwardlearn_device.client import Client
    with Client("127.0.0.1", 7001, token=b"...") as c:
        print(c.spec, c.measure([[0.5] * 20]))
"""

import random
import socket
import struct
import time

from . import protocol as P


class DeviceError(Exception):
    """The device answered ERROR with a code that is not retryable."""

    def __init__(self, code, message, batch_id=-1):
        super().__init__("%s: %s" % (P.ERROR_NAMES.get(code, code), message))
        self.code, self.message, self.batch_id = code, message, batch_id


class DeviceChanged(Exception):
    """After reconnecting, the device declared another identity or its state counter went backwards."""


class DeviceUnavailable(Exception):
    """No valid answer within the allowed attempts."""


class _Retry(Exception):
    pass


def _recv(sock, n):
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = sock.recv_into(view[got:], n - got)
        if k == 0:
            raise ConnectionError("the device closed the connection")
        got += k
    return bytes(buf)


def read_frame(sock, max_payload):
    """One frame from a socket: (type, flags, payload); ProtocolError for a bad header."""
    t, flags, n = P.check_header(_recv(sock, P.HEADER_BYTES), max_payload)
    return t, flags, _recv(sock, n)


class Client:
    def __init__(self, host, port, token=b"", dtype=P.DTYPE_F64, read_timeout=10.0, connect_timeout=2.0, max_retries=5,
                 backoff=(0.05, 2.0), client_id="forwardlearn-device-client", takeover=False):
        self.host, self.port, self.token = host, port, token or b""
        self.dtype, self.read_timeout, self.connect_timeout = dtype, read_timeout, connect_timeout
        self.max_retries, self.backoff, self.client_id = max_retries, backoff, client_id
        self.next_id = random.getrandbits(62)
        self.retries = self.reconnects = self.cached_replies = self.rows = 0
        self.sock = None
        self.spec = self._connect(takeover)
        self.last_counter = self.spec["state_counter"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.sock is not None:
            try:
                self.sock.sendall(P.frame(P.CLOSE))
            except OSError:
                pass
            self._drop()

    def _drop(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None

    def _connect(self, takeover):
        s = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        try:
            s.settimeout(self.read_timeout)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.sendall(P.frame(P.HELLO, P.hello(self.client_id, self.token), P.FLAG_TAKEOVER if takeover else 0))
            t, _, p = read_frame(s, P.MAX_PRE_AUTH_PAYLOAD)
            if t == P.ERROR:
                code, bid, msg = P.decode_error(p)
                if code in P.RETRYABLE:
                    raise _Retry(msg)
                raise DeviceError(code, msg, bid)
            if t != P.SPEC:
                raise P.ProtocolError(P.MALFORMED, "Expected SPEC in answer to HELLO (got %s)" % P.TYPE_NAMES[t])
            spec = P.decode_spec(p)
        except BaseException:
            s.close()
            raise
        self.sock = s
        return spec

    def _ensure(self):
        if self.sock is not None:
            return
        spec = self._connect(True)
        self.reconnects += 1
        ident = lambda d: (d["device_id"], d["firmware"], d["inputs"], d["outputs"], d["domain"])
        if ident(spec) != ident(self.spec):
            raise DeviceChanged("Expected device %r after reconnecting (got %r): the device restarted or was replaced"
                                % (ident(self.spec), ident(spec)))
        if spec["state_counter"] < self.last_counter:
            raise DeviceChanged("Expected device state counter >= %d after reconnecting (got %d): the device lost its state"
                                % (self.last_counter, spec["state_counter"]))

    def _request(self, type_, payload, expect, idempotent=True, what="request"):
        last = None
        for attempt in range(self.max_retries + 1):
            if attempt:
                self.retries += 1
                time.sleep(min(self.backoff[1], self.backoff[0] * 2 ** (attempt - 1)))
            try:
                self._ensure()
                self.sock.sendall(P.frame(type_, payload))
                t, _, p = read_frame(self.sock, max(self.spec["max_payload"], 1 << 20))
                if t == P.ERROR:
                    code, bid, msg = P.decode_error(p)
                    if code in P.RETRYABLE:
                        raise _Retry(msg)
                    if code in P.CLOSING:
                        self._drop()
                    raise DeviceError(code, msg, bid)
                if t != expect:
                    raise P.ProtocolError(P.MALFORMED, "Expected %s (got %s)" % (P.TYPE_NAMES[expect], P.TYPE_NAMES[t]))
                return p
            except (DeviceError, DeviceChanged):
                raise
            except (OSError, P.ProtocolError, _Retry, struct.error) as e:
                last = e
                if not isinstance(e, _Retry):
                    self._drop()  # a late answer must never be read as the answer to the next request
                if not idempotent:
                    break
        raise DeviceUnavailable("Expected an answer to %s from tcp://%s:%d within %d attempt(s) (got %r)"
                                % (what, self.host, self.port, attempt + 1, last))

    def measure(self, rows):
        """Measures rows (a list of lists or a 2-d array) in batches of at most max_batch; returns a list of lists."""
        rows = [list(map(float, r)) for r in rows]
        out = []
        mb = self.spec["max_batch"]
        for start in range(0, len(rows), mb):
            out.extend(self._measure(rows[start:start + mb]))
        return out

    def _measure(self, rows):
        bid = self.next_id
        self.next_id += 1
        n, cols = len(rows), len(rows[0])
        code = "d" if self.dtype == P.DTYPE_F64 else "f"
        payload = P.MEASURE_HEAD.pack(bid, self.dtype, n, cols) + struct.pack(">%d%s" % (n * cols, code), *[v for r in rows for v in r])
        p = self._request(P.MEASURE, payload, P.RESULT, what="MEASURE batch %d" % bid)
        rbid, _, counter, flags, dtype, rr, rc = P.RESULT_HEAD.unpack_from(p)
        if rbid != bid or rr != n or dtype != self.dtype:
            raise P.ProtocolError(P.MALFORMED, "Expected RESULT of batch %d with %d rows (got batch %d, %d rows)" % (bid, n, rbid, rr))
        flat = struct.unpack_from(">%d%s" % (rr * rc, "d" if dtype == P.DTYPE_F64 else "f"), p, P.RESULT_HEAD.size)
        self.last_counter = counter
        self.rows += n
        if flags & 1:
            self.cached_replies += 1
        return [list(flat[i * rc:(i + 1) * rc]) for i in range(rr)]

    def save_state(self):
        counter, blob = P.decode_state(self._request(P.STATE_SAVE, b"", P.STATE, what="STATE_SAVE"))
        return blob

    def restore_state(self, blob):
        counter, _ = P.decode_state(self._request(P.STATE_RESTORE, P.state(0, blob), P.STATE, what="STATE_RESTORE"))
        self.last_counter = counter

    def calibrate(self):
        self.spec = P.decode_spec(self._request(P.CALIBRATE, b"", P.SPEC, idempotent=False, what="CALIBRATE"))

    def reset(self):
        self.spec = P.decode_spec(self._request(P.RESET, b"", P.SPEC, what="RESET"))
        self.last_counter = self.spec["state_counter"]
