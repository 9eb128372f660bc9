"""The Python server: protocol, exactly-once under the Java suite's faults, and the hostile-network rules."""

import logging
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest

import forwardlearn_device as fd
from forwardlearn_device import protocol as P
from forwardlearn_device.client import Client, DeviceChanged, DeviceError
from forwardlearn_device.examples.acoustic import AcousticExample
from forwardlearn_device.testing import python_server, settings_line

from . import helpers as H

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start(faults=None, **kw):
    cfg = dict(H.DEVICE)
    cfg.update(kw)
    cfg["faults"] = faults or {}
    return python_server(settings_line(cfg).split())


def stats_of(server):
    return lambda: {"measured_batches": server.measured_batches, "measured_rows": server.measured_rows,
                    "cache_hits": server.cache_hits, "measure_requests": server.measure_requests}


def raw(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    return s


def read_frame(s):
    from forwardlearn_device.client import read_frame as rf
    return rf(s, P.MAX_PAYLOAD)


def read_error(s):
    t, _, p = read_frame(s)
    assert t == P.ERROR, P.TYPE_NAMES[t]
    return P.decode_error(p)


def assert_closed(test, s):
    try:
        test.assertEqual(b"", s.recv(1))
    except ConnectionResetError:
        pass


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.log = Capture()
        logging.getLogger("forwardlearn_device").addHandler(self.log)

    def tearDown(self):
        logging.getLogger("forwardlearn_device").removeHandler(self.log)

    def refusals(self, n):
        for _ in range(200):
            if len(self.log.records) >= n:
                break
            time.sleep(0.01)
        self.assertEqual(n, len(self.log.records), [r.getMessage() for r in self.log.records])
        for r in self.log.records:
            self.assertIsNone(r.exc_info, "no traceback")

    def test_measure_matches_the_in_process_device_float64_and_float32(self):
        with start() as srv, H.client(srv.port) as c:
            twin = AcousticExample(**H.DEVICE)
            x = H.inputs(1, 10)  # 10 rows: split into MEASUREs of 4, 4, 2
            want = [list(map(float, r)) for part in (x[:4], x[4:8], x[8:]) for r in twin.measure(part)]
            self.assertEqual(want, c.measure(x))
            self.assertEqual(3, srv.measured_batches)
            c.dtype = P.DTYPE_F32
            y = c.measure(H.inputs(2, 2))
            want = twin.measure([[struct.unpack(">f", struct.pack(">f", v))[0] for v in r] for r in H.inputs(2, 2)])
            for a, b in zip(y, want):
                for u, v in zip(a, b):
                    self.assertAlmostEqual(u, float(v), delta=1e-6)

    def test_every_healing_fault_of_the_java_suite_measures_exactly_once(self):
        for name, fault, reconnects, cached in H.HEALING:
            with self.subTest(name), start(faults={2: fault}) as srv:
                H.run_healing(self, srv.port, stats_of(srv), reconnects, cached)

    def test_restart_with_another_id_is_detected(self):
        with start(faults={2: "restart:example-rebooted"}) as srv, H.client(srv.port) as c:
            c.measure(H.inputs(1, 3))
            c.measure(H.inputs(2, 3))
            with self.assertRaises(DeviceChanged) as e:
                c.measure(H.inputs(3, 3))
            self.assertIn("example-rebooted", str(e.exception))
            self.assertEqual(2, srv.measured_batches, "the batch in flight was not measured")

    def test_adapter_errors_become_bad_input_or_device_fault_and_nothing_is_cached(self):
        class Flaky(AcousticExample):
            calls = 0

            def measure(self, x):
                Flaky.calls += 1
                if Flaky.calls == 2:
                    raise RuntimeError("detector saturated")
                if Flaky.calls == 3:
                    raise ValueError("Expected a calibrated drive (got none)")
                return super().measure(x)

        with fd.start(Flaky(**H.DEVICE)) as srv, H.client(srv.port) as c:
            c.measure(H.inputs(1, 2))
            with self.assertRaises(DeviceError) as e:
                c.measure(H.inputs(2, 2))
            self.assertEqual("DEVICE_FAULT: Expected the device to measure the batch (got RuntimeError: detector saturated)", str(e.exception))
            with self.assertRaises(DeviceError) as e:
                c.measure(H.inputs(2, 2))
            self.assertEqual(P.BAD_INPUT, e.exception.code)
            self.assertEqual(2, len(c.measure(H.inputs(2, 2))), "a new call is measured afresh")
            self.assertEqual(0, srv.cache_hits)

    def test_state_save_restore_and_unsupported_operations(self):
        with start() as srv, H.client(srv.port) as c:
            blob = c.save_state()
            first = c.measure(H.inputs(1, 2))
            c.restore_state(blob)
            self.assertEqual(first, c.measure(H.inputs(1, 2)))

        class Plain:
            def spec(self):
                return {"device_id": "plain", "firmware": "1", "inputs": 2, "outputs": 1, "max_batch": 8}

            def measure(self, x):
                return [[a + b] for a, b in x]

        with fd.start(Plain(), use_numpy=False) as srv, H.client(srv.port) as c:
            self.assertEqual([[0.75]], c.measure([[0.25, 0.5]]))
            with self.assertRaises(DeviceError) as e:
                c.save_state()
            self.assertEqual(P.UNSUPPORTED_OPERATION, e.exception.code)
            c.reset()  # no reset(): forgets the cache, answers SPEC

    def test_handshake_deadline_is_for_the_whole_hello(self):
        with start(hello_ms=600) as srv, raw(srv) as s:
            hello = P.frame(P.HELLO, P.hello("slow-client"))
            t0 = time.monotonic()
            for b in hello:  # one byte every 50 ms: each read is quick, the whole is slow
                try:
                    s.sendall(bytes([b]))
                except OSError:
                    break
                time.sleep(0.05)
                if time.monotonic() - t0 > 0.7:
                    break
            code, _, msg = read_error(s)
            self.assertEqual(P.DEADLINE_EXCEEDED, code)
            self.assertEqual("Expected a complete HELLO within 600 ms of connecting (got an incomplete one)", msg)
            self.assertLess(time.monotonic() - t0, 1.5)
            assert_closed(self, s)
            self.refusals(1)

    def test_four_slow_loris_clients_do_not_lock_out_a_correct_one(self):
        with start(hello_ms=20000) as srv:
            loris = [raw(srv) for _ in range(4)]
            try:
                for s in loris:
                    s.sendall(b"F")
                time.sleep(0.1)
                t0 = time.monotonic()
                with H.client(srv.port, retries=0) as c:
                    self.assertEqual(2, len(c.measure(H.inputs(1, 2))))
                self.assertLess(time.monotonic() - t0, 2)
                assert_closed(self, loris[0])
            finally:
                for s in loris:
                    s.close()

    def test_request_deadline_has_a_bytes_per_second_floor(self):
        with start(request_ms=300) as srv, raw(srv) as s:
            s.sendall(P.frame(P.HELLO, P.hello("raw")))
            self.assertEqual(P.SPEC, read_frame(s)[0])
            s.sendall(P.header(P.MEASURE, 17 + 8 * H.IN) + P.MEASURE_HEAD.pack(5, 2, 1, H.IN))
            t0 = time.monotonic()
            code, _, msg = read_error(s)
            self.assertEqual(P.DEADLINE_EXCEEDED, code)
            self.assertTrue(msg.startswith("Expected the complete MEASURE frame (57 payload bytes) within 300 ms of its first byte"), msg)
            self.assertLess(time.monotonic() - t0, 1.2)
            assert_closed(self, s)
            self.assertEqual(0, srv.measured_batches)
            self.refusals(1)

    def test_a_64_MiB_request_is_refused_from_its_head_before_the_body(self):
        with start() as srv, raw(srv) as s:
            s.sendall(P.frame(P.HELLO, P.hello("raw")))
            read_frame(s)
            rows = (P.MAX_PAYLOAD - 17) // 8
            s.sendall(P.header(P.MEASURE, 17 + 8 * rows) + P.MEASURE_HEAD.pack(77, 2, rows, 1))
            code, bid, msg = read_error(s)  # answered after 29 bytes: the body was never sent, so never buffered
            self.assertEqual((P.BAD_INPUT, 77, "Expected at most 4 rows (got %d)" % rows), (code, bid, msg))
            self.refusals(1)

    def test_a_non_loopback_bind_requires_a_token(self):
        with self.assertRaises(ValueError) as e:
            fd.start(AcousticExample(), host="0.0.0.0")
        self.assertEqual("Expected a token (--token-file) to listen on the non-loopback address 0.0.0.0 (got none): "
                         "without one anyone who can reach the port drives the device", str(e.exception))

    def test_a_trainers_session_is_not_taken_over_without_the_token_and_the_flag(self):
        with start(token="lab-token") as srv, H.client(srv.port, token=b"lab-token") as trainer:
            trainer.measure(H.inputs(1, 2))
            with raw(srv) as s:
                s.sendall(P.frame(P.HELLO, P.hello("intruder", b"lab-token")))
                code, _, msg = read_error(s)
                self.assertEqual(P.SESSION_BUSY, code)
                self.assertTrue(msg.startswith("Expected the device's session to be free (got it held by client "
                                               "'forwardlearn-device-client' from 127.0.0.1:"), msg)
            with raw(srv) as s:
                s.sendall(P.frame(P.HELLO, P.hello("intruder", b"guess"), P.FLAG_TAKEOVER))
                self.assertEqual(P.AUTH_FAILED, read_error(s)[0])
            trainer.measure(H.inputs(2, 2))
            self.assertEqual(0, trainer.reconnects)
            self.refusals(2)
            with Client("127.0.0.1", srv.port, token=b"lab-token", takeover=True) as other:
                other.measure(H.inputs(3, 1))
            trainer.measure(H.inputs(4, 2))
            self.assertEqual(1, trainer.reconnects)


class CommandLineTest(unittest.TestCase):
    def run_cli(self, *args):
        env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
        with tempfile.TemporaryDirectory() as d:
            port_file = os.path.join(d, "port")
            p = subprocess.Popen([sys.executable, "-m", "forwardlearn_device", "serve"] + list(args) + ["--port", "0", "--port-file", port_file],
                                 env=env, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                for _ in range(200):
                    if os.path.exists(port_file) or p.poll() is not None:
                        break
                    time.sleep(0.05)
                self.assertTrue(os.path.exists(port_file), p.stderr.read() if p.poll() is not None else "no port file")
                with open(port_file) as f:
                    yield int(f.read())
            finally:
                p.terminate()
                p.communicate(timeout=10)

    def test_serve_example_acoustic(self):
        for port in self.run_cli("--example", "acoustic", "--seed", "3"):
            with Client("127.0.0.1", port) as c:
                self.assertEqual("example-acoustic-seed3", c.spec["device_id"])
                twin = AcousticExample(seed=3)
                x = [[0.5] * 20]
                self.assertEqual([list(map(float, r)) for r in twin.measure(x)], c.measure(x))

    def test_serve_a_module_adapter_with_a_token_file(self):
        with tempfile.TemporaryDirectory() as d:
            tok = os.path.join(d, "lab.token")
            with open(tok, "w") as f:
                f.write("  s3cret\n")
            for port in self.run_cli("forwardlearn_device.examples.echo:Echo", "--option", "size=4", "--token-file", tok):
                with Client("127.0.0.1", port, token=b"s3cret") as c:
                    self.assertEqual([[0.5, 1.0, -2.0, 3.0]], c.measure([[0.5, 1, -2, 3]]))
                with self.assertRaises(DeviceError):
                    Client("127.0.0.1", port, token=b"wrong")

    def test_usage_errors(self):
        env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
        r = subprocess.run([sys.executable, "-m", "forwardlearn_device", "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(2, r.returncode)
        self.assertIn("expected exactly one of ADAPTER (module:Name) or --example", r.stderr)
        r = subprocess.run([sys.executable, "-m", "forwardlearn_device", "serve", "--example", "acoustic", "--port", "0", "--bind", "0.0.0.0"],
                           env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(1, r.returncode)
        self.assertEqual(1, len(r.stderr.strip().splitlines()), r.stderr)
        self.assertIn("Expected a token (--token-file) to listen on the non-loopback address 0.0.0.0", r.stderr)


if __name__ == "__main__":
    unittest.main()
