"""The device server: serves a lab's adapter object over the forwardlearn device protocol (PROTOCOL.md).

The same rules as the Java ``DeviceServer``: binds 127.0.0.1 unless told otherwise (any other address
needs a token, and a warning says the protocol is plaintext); a deadline for the whole handshake and for
every request (a bytes-per-second floor); at most ``max_connections`` connections, the oldest still in its
handshake evicted when they are full; every header and every MEASURE head checked before a body byte is
read; one ERROR frame and one log line per refused request; idempotent MEASURE through a cache of the last
64 batch ids (with a SHA-256 of the request); one session at a time, taken over only by a HELLO with the
takeover flag (and the token).
"""

import collections
import hashlib
import ipaddress
import logging
import socket
import struct
import threading
import time

from . import protocol as P
from .session import Session

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

LOG = logging.getLogger("forwardlearn_device")


class Spec:
    """What the device declares: identity, sizes, admissible inputs, largest batch.

    ``domain`` is ``"continuous"`` (with ``low``, ``high``), ``"binary"`` (0 or 1) or ``"kbit"`` (with ``bits``).
    """

    def __init__(self, device_id, firmware, inputs, outputs, domain="continuous", low=0.0, high=1.0, bits=8, max_batch=4096):
        if inputs < 1 or outputs < 1 or max_batch < 1:
            raise ValueError("Expected positive inputs, outputs and max_batch (got %r, %r, %r)" % (inputs, outputs, max_batch))
        if domain not in ("continuous", "binary", "kbit"):
            raise ValueError("Expected domain continuous|binary|kbit (got %r)" % (domain,))
        if domain == "continuous" and not low <= high:
            raise ValueError("Expected low <= high (got %r, %r)" % (low, high))
        if domain == "kbit" and not 1 <= bits <= 16:
            raise ValueError("Expected 1..16 bits (got %r)" % (bits,))
        self.device_id, self.firmware = str(device_id), str(firmware)
        self.inputs, self.outputs, self.max_batch = int(inputs), int(outputs), int(max_batch)
        self.domain, self.low, self.high, self.bits = domain, float(low), float(high), int(bits)

    @staticmethod
    def of(s):
        """A Spec from a Spec or a dict with the same keys."""
        return s if isinstance(s, Spec) else Spec(**s)

    def describe(self):
        if self.domain == "continuous":
            return "a value in [%r, %r]" % (self.low, self.high)
        if self.domain == "binary":
            return "0 or 1"
        return "an integer level in [0, %d]" % ((1 << self.bits) - 1)

    def admits(self, v):
        if self.domain == "continuous":
            return self.low <= v <= self.high
        if self.domain == "binary":
            return v == 0.0 or v == 1.0
        return 0 <= v <= (1 << self.bits) - 1 and v == round(v)


class Fault:
    """Fault injection for tests, applied to the n-th MEASURE frame (0-based), as the Java FaultPlan."""

    def __init__(self, kind, seconds=0.0, code=P.TRANSIENT, message="injected", device_id=None):
        if kind not in ("drop_before", "drop_after", "late", "malformed", "error", "restart"):
            raise ValueError("Expected a fault kind drop_before|drop_after|late|malformed|error|restart (got %r)" % (kind,))
        self.kind, self.seconds, self.code, self.message, self.device_id = kind, seconds, code, message, device_id


def _is_loopback(host):
    try:
        return ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        return False


def read_token(path):
    """A token file's UTF-8 content with surrounding whitespace removed (1..1024 bytes)."""
    with open(path, "rb") as f:
        raw = f.read(P.MAX_TOKEN_BYTES * 4 + 64)
    tok = raw.decode("utf-8").strip().encode("utf-8")
    if not 1 <= len(tok) <= P.MAX_TOKEN_BYTES:
        raise ValueError("Expected a token of 1..%d bytes in %s (got %d)" % (P.MAX_TOKEN_BYTES, path, len(tok)))
    return tok


class DeviceServer:
    """Serves ``adapter`` (an object with ``spec()`` and ``measure(batch)``; optional ``state()``,
    ``restore_state(blob)``, ``calibrate()``, ``reset()``, ``state_counter()``) in background threads.

    ``measure(batch)`` receives a rows x inputs float64 numpy array (a list of lists without numpy) whose
    shape and values were checked against the spec, and returns rows x outputs numbers. A ``ValueError``
    becomes BAD_INPUT, any other exception DEVICE_FAULT (nothing cached). Calls are serialised.
    """

    def __init__(self, adapter, host="127.0.0.1", port=0, token=None, hello_timeout=5.0, idle_timeout=600.0,
                 request_timeout=5.0, min_bytes_per_second=1 << 20, cache_size=64, max_payload=P.MAX_PAYLOAD,
                 max_connections=4, faults=None, use_numpy=True):
        if token is not None and not 1 <= len(token) <= P.MAX_TOKEN_BYTES:
            raise ValueError("Expected a token of 1..%d bytes (got %d)" % (P.MAX_TOKEN_BYTES, len(token)))
        if not 1024 <= max_payload <= P.MAX_PAYLOAD:
            raise ValueError("Expected max_payload in 1024..%d (got %d)" % (P.MAX_PAYLOAD, max_payload))
        if not _is_loopback(host) and token is None:
            raise ValueError("Expected a token (--token-file) to listen on the non-loopback address %s (got none): "
                             "without one anyone who can reach the port drives the device" % host)
        self.adapter = adapter
        self.spec = Spec.of(adapter.spec())
        self.host, self.token = host, token
        self.hello_timeout, self.idle_timeout = hello_timeout, idle_timeout
        self.request_timeout, self.min_rate = request_timeout, min_bytes_per_second
        self.cache_size, self.max_payload, self.max_connections = cache_size, max_payload, max_connections
        self.faults = dict(faults or {})
        self.np = np if (use_numpy and np is not None) else None
        self._cache = collections.OrderedDict()
        self._device = threading.Lock()
        self._lock = threading.Lock()
        self._sessions = {}
        self._active = None
        self._closed = threading.Event()
        self._device_id_override = None
        self.measured_batches = self.measured_rows = self.cache_hits = self.measure_requests = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, port))
        self._listener.listen(16)
        self._listener.settimeout(0.2)
        self._bound = self._listener.getsockname()[:2]
        if not _is_loopback(host):
            LOG.warning("Listening on %s, beyond loopback: the device protocol is plaintext (the token and every measurement "
                        "travel unencrypted); use it only on a trusted network or through an SSH tunnel", host)
        self._acceptor = threading.Thread(target=self._accept_loop, name="fl-device-accept", daemon=True)
        self._acceptor.start()
        LOG.info("Serving device '%s' on %s%s", self.spec.device_id, self.uri, " (token required)" if token else "")

    @property
    def port(self):
        return self._bound[1]

    @property
    def uri(self):
        return "tcp://%s:%d" % self._bound

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def wait(self, timeout=None):
        """Blocks until closed (or the timeout elapses); returns whether the server is closed."""
        return self._closed.wait(timeout)

    def close(self):
        if self._closed.is_set():
            return
        self._closed.set()
        self._listener.close()
        with self._lock:
            sessions = list(self._sessions.items())
        for s, t in sessions:
            s.kill()
        self._acceptor.join(2)
        for s, t in sessions:
            t.join(2)
        LOG.info("Device server %s closed", self.spec.device_id)

    # -- connections -------------------------------------------------------------------------------------

    def _accept_loop(self):
        n = 0
        while not self._closed.is_set():
            try:
                sock, addr = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                if self._closed.is_set():
                    return
                continue
            with self._lock:
                full = len(self._sessions) >= self.max_connections
                victim = None
                if full:
                    pending = [s for s in self._sessions if not s.authenticated]
                    victim = min(pending, key=lambda s: s.accepted) if pending else None
                    if victim is not None:
                        del self._sessions[victim]
            if full and victim is None:
                LOG.warning("Refusing %s: already %d connections", addr, self.max_connections)
                sock.close()
                continue
            if victim is not None:
                LOG.warning("Slots full: closing %s, still in its handshake after %d ms", victim.peer,
                            (time.monotonic() - victim.accepted) * 1000)
                victim.kill()
            n += 1
            s = Session(self, sock, "%s:%d" % addr[:2])
            t = threading.Thread(target=s.run, name="fl-device-session-%d" % n, daemon=True)
            with self._lock:
                self._sessions[s] = t
            t.start()

    def _activate(self, session, takeover):
        with self._lock:
            prev = self._active
            if prev is not None and prev is not session and prev.alive and not takeover:
                return prev.describe()
            self._active = session
        if prev is not None and prev is not session:
            LOG.info("Client %s took over the session (explicit takeover); closing %s", session.peer, prev.describe())
            prev.kill()
        return None

    def _ended(self, session):
        with self._lock:
            self._sessions.pop(session, None)
            if self._active is session:
                self._active = None

    # -- the device --------------------------------------------------------------------------------------

    def current_spec(self):
        s = self.spec
        if self._device_id_override is None:
            return s
        return Spec(self._device_id_override, s.firmware, s.inputs, s.outputs, s.domain, s.low, s.high, s.bits, s.max_batch)

    def state_counter(self):
        f = getattr(self.adapter, "state_counter", None)
        return int(f()) if f is not None else self.measured_batches

    def spec_payload(self):
        with self._device:
            return P.spec(self.current_spec(), self.state_counter(), self.max_payload)

    def _next_fault(self):
        with self._lock:
            i = self.measure_requests
            self.measure_requests += 1
        return self.faults.get(i)

    def _restart_as(self, device_id):
        with self._device:
            self._cache.clear()
            self._device_id_override = device_id
        with self._lock:
            sessions = list(self._sessions)
        for s in sessions:
            s.kill()

    def _decode(self, payload, dtype, rows, cols):
        if self.np is not None:
            return self.np.frombuffer(payload, dtype=P.DTYPE_CODE[dtype], offset=P.MEASURE_HEAD_BYTES).astype(self.np.float64).reshape(rows, cols)
        flat = struct.unpack_from(">%d%s" % (rows * cols, "d" if dtype == P.DTYPE_F64 else "f"), payload, P.MEASURE_HEAD_BYTES)
        return [list(flat[i * cols:(i + 1) * cols]) for i in range(rows)]

    def _check_values(self, x, rows, cols):
        s = self.spec
        if self.np is not None:
            if s.domain == "continuous":
                bad = ~((x >= s.low) & (x <= s.high))
            elif s.domain == "binary":
                bad = ~((x == 0.0) | (x == 1.0))
            else:
                bad = ~((x >= 0) & (x <= (1 << s.bits) - 1) & (x == self.np.round(x)))
            if not bad.any():
                return None
            i, j = (int(v) for v in self.np.argwhere(bad)[0])
            v = float(x[i, j])
        else:
            for i in range(rows):
                for j in range(cols):
                    if not s.admits(x[i][j]):
                        v = x[i][j]
                        break
                else:
                    continue
                break
            else:
                return None
        return "Expected input[%d][%d] to be %s (got %r)" % (i, j, s.describe(), v)

    def _encode_outputs(self, y, rows, dtype):
        outs = self.spec.outputs
        if self.np is not None:
            a = self.np.asarray(y, dtype=self.np.float64)
            if a.shape != (rows, outs):
                raise P.ProtocolError(P.DEVICE_FAULT, "Expected %dx%d outputs from the device (got %s)" % (rows, outs, "x".join(map(str, a.shape))))
            return a.astype(P.DTYPE_CODE[dtype]).tobytes()
        if len(y) != rows or any(len(r) != outs for r in y):
            raise P.ProtocolError(P.DEVICE_FAULT, "Expected %dx%d outputs from the device (got %d rows)" % (rows, outs, len(y)))
        flat = [float(v) for r in y for v in r]
        return struct.pack(">%d%s" % (len(flat), "d" if dtype == P.DTYPE_F64 else "f"), *flat)

    def measure(self, payload, batch_id, dtype, rows, cols):
        """Measures a checked MEASURE payload or answers it from the cache; returns the RESULT payload."""
        digest = hashlib.sha256(payload).digest()
        with self._device:
            hit = self._cache.get(batch_id)
            if hit is not None:
                if hit[0] != digest:
                    raise P.ProtocolError(P.BATCH_ID_CONFLICT, "Expected batch id %d to be resent with the same inputs "
                                                               "(got different inputs)" % batch_id, batch_id)
                self._cache.move_to_end(batch_id)
                self.cache_hits += 1
                r = bytearray(hit[1])
                r[24] = 1
                return bytes(r)
            x = self._decode(payload, dtype, rows, cols)
            bad = self._check_values(x, rows, cols)
            if bad is not None:
                raise P.ProtocolError(P.BAD_INPUT, bad, batch_id)
            try:
                y = self.adapter.measure(x)
            except ValueError as e:
                raise P.ProtocolError(P.BAD_INPUT, str(e), batch_id)
            except Exception as e:  # the instrument failed: reported, nothing cached
                raise P.ProtocolError(P.DEVICE_FAULT, "Expected the device to measure the batch (got %s: %s)"
                                      % (type(e).__name__, e), batch_id)
            try:
                values = self._encode_outputs(y, rows, dtype)
            except P.ProtocolError as e:
                raise P.ProtocolError(e.code, e.message, batch_id)
            except (TypeError, ValueError) as e:
                raise P.ProtocolError(P.DEVICE_FAULT, "Expected numeric outputs from the device (got %s)" % e, batch_id)
            self.measured_batches += 1
            self.measured_rows += rows
            result = P.RESULT_HEAD.pack(batch_id, time.time_ns() // 1000, self.state_counter(), 0, dtype, rows,
                                        self.spec.outputs) + values
            self._cache[batch_id] = (digest, result)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return result

    def state_restore_limit(self):
        """The largest STATE_RESTORE blob worth reading (2 x the current state + 4 KiB), or -1 without restorable state."""
        save, restore = getattr(self.adapter, "state", None), getattr(self.adapter, "restore_state", None)
        if save is None or restore is None:
            return -1
        with self._device:
            try:
                return 2 * len(save()) + 4096
            except NotImplementedError:
                return -1

    def run_control(self, name, arg=None):
        """RESET / CALIBRATE / STATE_SAVE ("state") / STATE_RESTORE ("restore_state") on the adapter; returns the answer frame."""
        with self._device:
            if name == "reset":  # always forgets cached results; resets the device if it can
                self._cache.clear()
            f = getattr(self.adapter, name, None)
            if f is None:
                if name == "reset":
                    return P.frame(P.SPEC, P.spec(self.current_spec(), self.state_counter(), self.max_payload))
                raise P.ProtocolError(P.UNSUPPORTED_OPERATION, "Expected a device with state/calibration control (got %s, "
                                                               "which has no %s())" % (type(self.adapter).__name__, name))
            try:
                if name in ("reset", "calibrate"):
                    try:
                        f()
                    except NotImplementedError:
                        if name == "calibrate":
                            raise
                    return P.frame(P.SPEC, P.spec(self.current_spec(), self.state_counter(), self.max_payload))
                if name == "state":
                    return P.frame(P.STATE, P.state(self.state_counter(), bytes(f())))
                f(arg)
                self._cache.clear()
                return P.frame(P.STATE, P.state(self.state_counter(), b""))
            except NotImplementedError as e:
                raise P.ProtocolError(P.UNSUPPORTED_OPERATION, str(e) or "Expected the device to support %s() (got none)" % name)
            except ValueError as e:
                raise P.ProtocolError(P.BAD_INPUT, str(e))
            except Exception as e:
                raise P.ProtocolError(P.DEVICE_FAULT, "Expected the device to carry out the request (got %s: %s)"
                                      % (type(e).__name__, e))
