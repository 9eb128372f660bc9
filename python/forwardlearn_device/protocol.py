"""Constants and payload layouts of the forwardlearn device protocol, version 1 (physical/PROTOCOL.md).

All integers big-endian, floats IEEE 754 big-endian.  A frame is a 12-byte header (magic "FLDP",
u16 version, u8 type, u8 flags, u32 payload length) and the payload.
"""

import struct

MAGIC = 0x464C4450
VERSION = 1
HEADER = struct.Struct(">IHBBI")
HEADER_BYTES = 12
MAX_PRE_AUTH_PAYLOAD = 4096
MAX_PAYLOAD = 64 << 20
MAX_STRING_BYTES = 1024
MAX_TOKEN_BYTES = 1024
MEASURE_HEAD = struct.Struct(">qBii")  # batch id, dtype, rows, cols
MEASURE_HEAD_BYTES = 17
RESULT_HEAD = struct.Struct(">qqqBBii")  # batch id, device time us, state counter, flags, dtype, rows, cols
FLAG_TAKEOVER = 1
DTYPE_F32 = 1
DTYPE_F64 = 2
DTYPE_BYTES = {DTYPE_F32: 4, DTYPE_F64: 8}
DTYPE_CODE = {DTYPE_F32: ">f4", DTYPE_F64: ">f8"}

# message types
HELLO, SPEC, MEASURE, RESULT, ERROR, CALIBRATE, RESET, CLOSE, STATE_SAVE, STATE_RESTORE, STATE = range(1, 12)
TYPE_NAMES = {1: "HELLO", 2: "SPEC", 3: "MEASURE", 4: "RESULT", 5: "ERROR", 6: "CALIBRATE", 7: "RESET", 8: "CLOSE",
              9: "STATE_SAVE", 10: "STATE_RESTORE", 11: "STATE"}

# error codes: (name, retryable)
UNSUPPORTED_VERSION, AUTH_FAILED, NOT_AUTHENTICATED, FRAME_TOO_LARGE, MALFORMED, BAD_INPUT, BATCH_ID_CONFLICT, \
    UNSUPPORTED_OPERATION, DEVICE_FAULT, TRANSIENT, INTERNAL, DEADLINE_EXCEEDED, SESSION_BUSY = range(1, 14)
ERROR_NAMES = {1: "UNSUPPORTED_VERSION", 2: "AUTH_FAILED", 3: "NOT_AUTHENTICATED", 4: "FRAME_TOO_LARGE", 5: "MALFORMED",
               6: "BAD_INPUT", 7: "BATCH_ID_CONFLICT", 8: "UNSUPPORTED_OPERATION", 9: "DEVICE_FAULT", 10: "TRANSIENT",
               11: "INTERNAL", 12: "DEADLINE_EXCEEDED", 13: "SESSION_BUSY"}
RETRYABLE = {TRANSIENT}
# after these the connection is closed
CLOSING = {UNSUPPORTED_VERSION, AUTH_FAILED, NOT_AUTHENTICATED, FRAME_TOO_LARGE, MALFORMED, INTERNAL, DEADLINE_EXCEEDED,
           SESSION_BUSY}


class ProtocolError(Exception):
    """A frame or payload that violates the protocol; ``code`` is the ERROR code to answer with."""

    def __init__(self, code, message, batch_id=-1):
        super().__init__(message)
        self.code = code
        self.message = message
        self.batch_id = batch_id


def header(type_, length, flags=0, magic=MAGIC, version=VERSION):
    return HEADER.pack(magic, version, type_, flags, length)


def frame(type_, payload=b"", flags=0):
    return header(type_, len(payload), flags) + payload


def check_header(h, max_payload):
    """Parses and checks a 12-byte header in the order of PROTOCOL.md; returns (type, flags, length)."""
    magic, version, type_, flags, length = HEADER.unpack(h)
    if magic != MAGIC:
        raise ProtocolError(MALFORMED, "Expected frame magic 0x%X (got 0x%X)" % (MAGIC, magic))
    if version != VERSION:
        raise ProtocolError(UNSUPPORTED_VERSION, "Expected protocol version %d (got %d)" % (VERSION, version))
    if length > max_payload:
        raise ProtocolError(FRAME_TOO_LARGE, "Expected a payload of at most %d bytes (got %d)" % (max_payload, length))
    if type_ not in TYPE_NAMES:
        raise ProtocolError(MALFORMED, "Expected a frame type in 1..11 (got %d)" % type_)
    return type_, flags, length


class PayloadReader:
    """Bounds-checked reading of a payload; every violation is MALFORMED."""

    def __init__(self, payload, what):
        self.b = payload
        self.pos = 0
        self.what = what

    def need(self, n):
        if len(self.b) - self.pos < n:
            raise ProtocolError(MALFORMED, "Expected %d more bytes in %s (got %d)" % (n, self.what, len(self.b) - self.pos))

    def unpack(self, fmt):
        s = struct.calcsize(fmt)
        self.need(s)
        v = struct.unpack_from(fmt, self.b, self.pos)
        self.pos += s
        return v if len(v) > 1 else v[0]

    def bytes(self, limit=MAX_STRING_BYTES):
        n = self.unpack(">H")
        if n > limit:
            raise ProtocolError(MALFORMED, "Expected at most %d bytes in a byte string in %s (got %d)" % (limit, self.what, n))
        self.need(n)
        v = bytes(self.b[self.pos:self.pos + n])
        self.pos += n
        return v

    def str(self):
        try:
            return self.bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(MALFORMED, "Expected UTF-8 text in %s (got invalid bytes)" % self.what)

    def remaining(self):
        return len(self.b) - self.pos

    def end(self):
        if self.pos != len(self.b):
            raise ProtocolError(MALFORMED, "Expected end of payload in %s (got %d trailing bytes)" % (self.what, len(self.b) - self.pos))


def put_bytes(b):
    if len(b) > MAX_STRING_BYTES:
        raise ValueError("Expected at most %d bytes (got %d)" % (MAX_STRING_BYTES, len(b)))
    return struct.pack(">H", len(b)) + b


def put_str(s):
    return put_bytes(s.encode("utf-8"))


def hello(client_id="forwardlearn-device", token=b"", version=VERSION):
    return struct.pack(">H", version) + put_str(client_id) + put_bytes(token)


def decode_hello(p):
    r = PayloadReader(p, "HELLO")
    v = r.unpack(">H")
    cid = r.str()
    tok = r.bytes(MAX_TOKEN_BYTES)
    r.end()
    return v, cid, tok


def error(code, batch_id, message):
    m = message if len(message) <= 300 else message[:300]
    return struct.pack(">Hq", code, batch_id) + put_str(m)


def decode_error(p):
    r = PayloadReader(p, "ERROR")
    code, bid = r.unpack(">Hq")
    msg = r.str()
    r.end()
    return code, bid, msg


def spec(s, state_counter, max_payload):
    """SPEC payload of a spec dict (see :class:`forwardlearn_device.server.Spec`)."""
    out = put_str(s.device_id) + put_str(s.firmware) + struct.pack(">ii", s.inputs, s.outputs)
    if s.domain == "continuous":
        out += struct.pack(">Bdd", 0, s.low, s.high)
    elif s.domain == "binary":
        out += struct.pack(">B", 1)
    else:
        out += struct.pack(">BB", 2, s.bits)
    return out + struct.pack(">iqi", s.max_batch, state_counter, max_payload)


def decode_spec(p):
    """Returns a dict: device_id, firmware, inputs, outputs, domain (tuple), max_batch, state_counter, max_payload."""
    r = PayloadReader(p, "SPEC")
    d = {"device_id": r.str(), "firmware": r.str()}
    d["inputs"], d["outputs"] = r.unpack(">ii")
    kind = r.unpack(">B")
    if kind == 0:
        d["domain"] = ("continuous",) + tuple(r.unpack(">dd"))
    elif kind == 1:
        d["domain"] = ("binary",)
    elif kind == 2:
        d["domain"] = ("kbit", r.unpack(">B"))
    else:
        raise ProtocolError(MALFORMED, "Expected input domain kind 0, 1 or 2 in SPEC (got %d)" % kind)
    d["max_batch"], d["state_counter"], d["max_payload"] = r.unpack(">iqi")
    r.end()
    return d


def state(counter, blob):
    return struct.pack(">qi", counter, len(blob)) + blob


def decode_state(p, what="STATE"):
    r = PayloadReader(p, what)
    counter, n = r.unpack(">qi")
    if n < 0 or n != r.remaining():
        raise ProtocolError(MALFORMED, "Expected %d state bytes in %s (got %d)" % (r.remaining(), what, n))
    return counter, bytes(p[r.pos:])
ERROR_CODES = {v: k for k, v in ERROR_NAMES.items()}
