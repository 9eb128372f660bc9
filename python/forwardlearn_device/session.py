"""One connection to a :class:`forwardlearn_device.server.DeviceServer`: handshake, then requests until CLOSE, EOF,
a deadline or an error. Reads with absolute deadlines; every refusal is one ERROR frame and one log line."""

import hashlib
import hmac
import logging
import socket
import time

from . import protocol as P

LOG = logging.getLogger("forwardlearn_device")


class _Closed(Exception):
    """The peer closed the connection."""


class _Deadline(Exception):
    """The deadline passed before the frame was complete."""


class _Conn:
    """A socket read through a 64 KiB buffer (one recv per small request instead of four) with absolute deadlines
    (``deadline`` = a time.monotonic() value; every recv gets only the time left) or the idle timeout."""

    BUFFER = 1 << 16

    def __init__(self, sock, idle):
        self.sock = sock
        self.idle = idle
        self.buf = bytearray(self.BUFFER)
        self.view = memoryview(self.buf)
        self.lo = self.hi = 0

    def _recv_into(self, view, deadline, what):
        if deadline is None:
            self.sock.settimeout(self.idle)
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Deadline(what)
            self.sock.settimeout(left)
        try:
            k = self.sock.recv_into(view)
        except socket.timeout:
            if deadline is None:
                raise
            raise _Deadline(what)
        if k == 0:
            raise _Closed()
        return k

    def read(self, n, deadline, what):
        """Exactly n bytes (a bytes object; a bytearray for reads larger than the buffer)."""
        avail = self.hi - self.lo
        if avail >= n:
            out = bytes(self.view[self.lo:self.lo + n])
            self.lo += n
            return out
        if n <= self.BUFFER:
            if self.lo:
                self.buf[:avail] = self.buf[self.lo:self.hi]
                self.lo, self.hi = 0, avail
            while self.hi < n:
                self.hi += self._recv_into(self.view[self.hi:], deadline, what)
            out = bytes(self.view[:n])
            self.lo = n
            return out
        out = bytearray(n)
        target = memoryview(out)
        target[:avail] = self.view[self.lo:self.hi]
        self.lo = self.hi = 0
        got = avail
        while got < n:
            got += self._recv_into(target[got:], deadline, what)
        return out

    def skip(self, n, deadline, what):
        while n > 0:
            k = min(n, self.BUFFER)
            self.read(k, deadline, what)
            n -= k

    def send(self, data):
        self.sock.settimeout(10.0)
        self.sock.sendall(data)


class Session:
    def __init__(self, server, sock, peer):
        self.server, self.sock, self.peer = server, sock, peer
        self.accepted = time.monotonic()
        self.authenticated = False
        self.alive = True
        self.client_id = "?"

    def describe(self):
        return "client '%s' from %s" % (self.client_id, self.peer)

    def kill(self):
        self.alive = False
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass

    def _error(self, conn, code, batch_id, message):
        try:
            conn.send(P.frame(P.ERROR, P.error(code, batch_id, message)))
        except OSError:
            pass

    def _refuse(self, conn, code, batch_id, message):
        LOG.warning("Request from %s refused: %s: %s", self.peer, P.ERROR_NAMES.get(code, code), message)
        self._error(conn, code, batch_id, message)

    def run(self):
        srv = self.server
        conn = _Conn(self.sock, srv.idle_timeout or None)
        try:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                if self._handshake(conn):
                    self._serve(conn)
            except _Deadline as e:
                LOG.warning("Refusing %s: %s", self.peer, e)
                self._error(conn, P.DEADLINE_EXCEEDED, -1, str(e))
            except P.ProtocolError as e:
                LOG.warning("Refusing frame from %s: %s", self.peer, e.message)
                self._error(conn, e.code, e.batch_id, e.message)
        except socket.timeout:
            LOG.info("Closing %s: idle for %s s", self.peer, srv.idle_timeout)
        except (_Closed, OSError) as e:
            LOG.debug("Connection %s ended: %r", self.peer, e)
        except Exception as e:  # one line, no traceback: the server keeps serving
            LOG.error("Unexpected failure serving %s: %s: %s", self.peer, type(e).__name__, e)
            self._error(conn, P.INTERNAL, -1, "Expected to serve the request (got %s: %s)" % (type(e).__name__, e))
        finally:
            self.kill()
            srv._ended(self)

    def _handshake(self, conn):
        srv = self.server
        deadline = self.accepted + srv.hello_timeout
        what = "Expected a complete HELLO within %d ms of connecting (got an incomplete one)" % round(srv.hello_timeout * 1000)
        type_, flags, length = P.check_header(bytes(conn.read(P.HEADER_BYTES, deadline, what)), P.MAX_PRE_AUTH_PAYLOAD)
        payload = conn.read(length, deadline, what)
        if type_ != P.HELLO:
            return self._deny(conn, P.NOT_AUTHENTICATED, "Expected HELLO as the first frame (got %s)" % P.TYPE_NAMES[type_])
        version, client_id, token = P.decode_hello(bytes(payload))
        if version != P.VERSION:
            return self._deny(conn, P.UNSUPPORTED_VERSION, "Expected protocol version %d (got %d)" % (P.VERSION, version))
        if srv.token is not None and not hmac.compare_digest(hashlib.sha256(srv.token).digest(), hashlib.sha256(token).digest()):
            return self._deny(conn, P.AUTH_FAILED, "Expected the device's shared-secret token (got %s)" % ("none" if not token else "a wrong one"))
        self.client_id = client_id[:64]
        self.authenticated = True
        holder = srv._activate(self, bool(flags & P.FLAG_TAKEOVER))
        if holder is not None:
            self.authenticated = False
            return self._deny(conn, P.SESSION_BUSY, "Expected the device's session to be free (got it held by %s): send HELLO "
                                                    "with the takeover flag to replace that client" % holder)
        LOG.info("Client '%s' connected from %s", self.client_id, self.peer)
        conn.send(P.frame(P.SPEC, srv.spec_payload()))
        return True

    def _deny(self, conn, code, message):
        LOG.warning("Refusing connection from %s: %s", self.peer, message)
        self._error(conn, code, -1, message)
        return False

    def _deadline(self, t0, length):
        return t0 + self.server.request_timeout + length / self.server.min_rate

    def _serve(self, conn):
        srv = self.server
        while True:
            first = conn.read(1, None, "idle")
            t0 = time.monotonic()
            rest = conn.read(P.HEADER_BYTES - 1, self._deadline(t0, P.HEADER_BYTES),
                             "Expected a complete frame header within %d ms of its first byte" % round(srv.request_timeout * 1000))
            type_, flags, length = P.check_header(bytes(first + rest), srv.max_payload)
            deadline = self._deadline(t0, length)
            what = ("Expected the complete %s frame (%d payload bytes) within %d ms of its first byte (a floor of %d bytes/s)"
                    % (P.TYPE_NAMES[type_], length, round((deadline - t0) * 1000), srv.min_rate))
            if type_ == P.MEASURE:
                if not self._measure(conn, length, deadline, what):
                    return
                continue
            if type_ == P.STATE_RESTORE and not self._state_fits(conn, length, deadline, what):
                continue
            payload = conn.read(length, deadline, what)
            try:
                if type_ == P.CALIBRATE:
                    conn.send(srv.run_control("calibrate"))
                elif type_ == P.RESET:
                    conn.send(srv.run_control("reset"))
                elif type_ == P.STATE_SAVE:
                    conn.send(srv.run_control("state"))
                elif type_ == P.STATE_RESTORE:
                    _, blob = P.decode_state(bytes(payload), "STATE_RESTORE")
                    conn.send(srv.run_control("restore_state", blob))
                elif type_ == P.CLOSE:
                    LOG.info("Client %s closed the connection", self.peer)
                    return
                else:
                    raise P.ProtocolError(P.MALFORMED, "Expected a request frame (got %s)" % P.TYPE_NAMES[type_])
            except P.ProtocolError as e:
                if e.code in P.CLOSING:
                    raise
                self._refuse(conn, e.code, -1, e.message)

    def _state_fits(self, conn, length, deadline, what):
        """STATE_RESTORE refused from its header (blob skipped, connection kept) when the adapter has no restorable
        state or the blob is larger than twice its current state + 4 KiB (the Java server's rule)."""
        limit = self.server.state_restore_limit()
        if limit >= 0 and length <= limit + 12:
            return True
        if limit < 0:
            self._refuse(conn, P.UNSUPPORTED_OPERATION, -1, "Expected a device with restorable state (got one without)")
        else:
            self._refuse(conn, P.BAD_INPUT, -1, "Expected a device state of at most %d bytes (got %d)" % (limit, length - 12))
        conn.skip(length, deadline, what)
        return False

    def _measure(self, conn, length, deadline, what):
        srv = self.server
        if length < P.MEASURE_HEAD_BYTES:
            raise P.ProtocolError(P.MALFORMED, "Expected at least %d payload bytes in MEASURE (got %d)" % (P.MEASURE_HEAD_BYTES, length))
        head = conn.read(P.MEASURE_HEAD_BYTES, deadline, what)
        batch_id, dtype, rows, cols = P.MEASURE_HEAD.unpack(bytes(head))
        if dtype not in P.DTYPE_BYTES:
            raise P.ProtocolError(P.MALFORMED, "Expected dtype 1 (float32) or 2 (float64) (got %d)" % dtype)
        if rows < 1 or cols < 1:
            raise P.ProtocolError(P.MALFORMED, "Expected at least 1 row and 1 column in MEASURE (got %dx%d)" % (rows, cols))
        size = P.DTYPE_BYTES[dtype]
        expected = P.MEASURE_HEAD_BYTES + rows * cols * size
        if expected != length:
            raise P.ProtocolError(P.MALFORMED, "Expected %d payload bytes in MEASURE for %dx%d values of %d bytes (got %d)"
                                  % (expected, rows, cols, size, length))
        spec = srv.spec
        bad = ("Expected at most %d rows (got %d)" % (spec.max_batch, rows) if rows > spec.max_batch
               else "Expected %d input columns (got %d)" % (spec.inputs, cols) if cols != spec.inputs else None)
        if bad is not None:
            LOG.warning("Batch %d from %s refused: %s", batch_id, self.peer, bad)
            self._error(conn, P.BAD_INPUT, batch_id, bad)
            conn.skip(length - P.MEASURE_HEAD_BYTES, deadline, what)
            return True
        payload = bytes(head) + bytes(conn.read(length - P.MEASURE_HEAD_BYTES, deadline, what))
        fault = srv._next_fault()
        kind = fault.kind if fault is not None else None
        if kind == "drop_before":
            LOG.warning("Fault injection: dropping the connection before measuring batch %d", batch_id)
            return False
        if kind == "restart":
            LOG.warning("Fault injection: restarting as device '%s'", fault.device_id)
            srv._restart_as(fault.device_id)
            return False
        if kind == "error":
            self._error(conn, fault.code, batch_id, fault.message)
            return True
        try:
            result = srv.measure(payload, batch_id, dtype, rows, cols)
        except P.ProtocolError as e:
            LOG.warning("Batch %d from %s refused: %s", batch_id, self.peer, e.message)
            self._error(conn, e.code, batch_id, e.message)
            return True
        if kind == "drop_after":
            LOG.warning("Fault injection: dropping the connection after measuring batch %d", batch_id)
            return False
        if kind == "late":
            time.sleep(fault.seconds)
        if kind == "malformed":
            conn.send(P.header(P.RESULT, 4, magic=0xDEADBEEF) + b"\0\0\0\0")
            return True
        conn.send(P.frame(P.RESULT, result))
        return True
