"""Shared by the tests: the fault cases of the Java suite (FaultTest), run against any server."""

import random

from forwardlearn_device.client import Client
from forwardlearn_device.examples.acoustic import AcousticExample

IN, OUT, MAX_BATCH, CALLS, ROWS = 5, 3, 4, 6, 3
READ_TIMEOUT = 0.4
DEVICE = {"seed": 11, "noise": 0.05, "inputs": IN, "outputs": OUT, "max_batch": MAX_BATCH}

# name, fault at MEASURE #2, reconnects, cached replies
HEALING = [
    ("drop before measuring", "drop_before", 1, 0),
    ("drop after measuring", "drop_after", 1, 1),
    ("answer past the timeout", "late:%s" % (2 * READ_TIMEOUT), 1, 1),
    ("malformed answer", "malformed", 1, 1),
    ("transient ERROR", "error:TRANSIENT:warming-up", 0, 0),
]


def inputs(seed, rows, cols=IN):
    r = random.Random(seed)
    return [[r.random() for _ in range(cols)] for _ in range(rows)]


def client(port, retries=3, **kw):
    return Client("127.0.0.1", port, read_timeout=READ_TIMEOUT, max_retries=retries, backoff=(0.005, 0.04), **kw)


def run_healing(test, port, stats, reconnects, cached):
    """Six calls through a fault: outputs equal the in-process twin (the noise stream would shift on a lost or
    duplicated measurement), the device measured each batch exactly once."""
    twin = AcousticExample(**DEVICE)
    with client(port) as c:
        for k in range(CALLS):
            x = inputs(100 + k, ROWS)
            test.assertEqual([list(map(float, r)) for r in twin.measure(x)], c.measure(x), "call %d" % k)
        test.assertEqual(1, c.retries)
        test.assertEqual(reconnects, c.reconnects)
        test.assertEqual(cached, c.cached_replies)
        test.assertEqual(CALLS * ROWS, c.rows)
    s = stats()
    test.assertEqual(CALLS, s["measured_batches"], "each batch measured once")
    test.assertEqual(CALLS * ROWS, s["measured_rows"])
    test.assertEqual(cached, s["cache_hits"])
    test.assertEqual(CALLS + 1, s["measure_requests"])
