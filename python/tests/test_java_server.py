"""The Python client against the Java DeviceServer (a JVM running TestServerMain): the Java suite's fault cases,
checked against the Python twin of the device, so every output is also a cross-language bit-identity check."""

import os
import unittest

from forwardlearn_device.client import DeviceChanged
from forwardlearn_device.testing import JavaServers

from . import helpers as H

CP = os.environ.get("FORWARDLEARN_TEST_CLASSPATH")


@unittest.skipUnless(CP, "FORWARDLEARN_TEST_CLASSPATH not set (the Maven build sets it: PythonSuiteTest)")
class JavaServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.java = JavaServers(CP)

    @classmethod
    def tearDownClass(cls):
        cls.java.close()

    def start(self, faults=None):
        cfg = dict(H.DEVICE)
        cfg["faults"] = faults or {}
        port = self.java.start(cfg)
        self.addCleanup(self.java.stop, port)
        return port

    def test_every_healing_fault_measures_exactly_once_on_the_java_server(self):
        for name, fault, reconnects, cached in H.HEALING:
            with self.subTest(name):
                port = self.start({2: fault})
                H.run_healing(self, port, lambda: self.java.stats(port), reconnects, cached)

    def test_restart_with_another_id_is_detected(self):
        port = self.start({2: "restart:example-rebooted"})
        with H.client(port) as c:
            c.measure(H.inputs(1, 3))
            c.measure(H.inputs(2, 3))
            with self.assertRaises(DeviceChanged) as e:
                c.measure(H.inputs(3, 3))
            self.assertIn("example-rebooted", str(e.exception))
        self.assertEqual(2, self.java.stats(port)["measured_batches"], "the batch in flight was not measured")

    def test_split_batch_with_a_drop_loses_no_row(self):
        port = self.start({1: "drop_after"})
        twin = H.AcousticExample(**H.DEVICE)
        x = H.inputs(7, 10)
        with H.client(port) as c:
            got = c.measure(x)
        want = [list(map(float, r)) for part in (x[0:4], x[4:8], x[8:10]) for r in twin.measure(part)]
        self.assertEqual(want, got)
        s = self.java.stats(port)
        self.assertEqual((3, 10, 1), (s["measured_batches"], s["measured_rows"], s["cache_hits"]))


if __name__ == "__main__":
    unittest.main()
