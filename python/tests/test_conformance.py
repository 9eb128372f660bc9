"""The conformance cases (python/conformance/cases.json) against the Python server and, when the Maven build
provides the class path, the Java server: one fresh server per case."""

import os
import unittest

from forwardlearn_device import conformance
from forwardlearn_device.testing import JavaServers, python_server, settings_line

DOC = conformance.load()
CP = os.environ.get("FORWARDLEARN_TEST_CLASSPATH")


def settings(server_name):
    d, s = DOC["device"], DOC["servers"][server_name]
    return {"seed": d["seed"], "noise": d["noise"], "inputs": d["inputs"], "outputs": d["outputs"], "max_batch": d["max_batch"],
            "token": s["token"], "hello_ms": s["hello_timeout_ms"], "request_ms": s["request_timeout_ms"],
            "min_rate": s["min_bytes_per_second"]}


class PythonServerConformanceTest(unittest.TestCase):
    def test_every_case(self):
        self.assertGreaterEqual(len(DOC["cases"]), 30)
        for case in DOC["cases"]:
            with self.subTest(case["name"]):
                with python_server(settings_line(settings(case["server"])).split()) as srv:
                    conformance.run_case(case, "127.0.0.1", srv.port)


@unittest.skipUnless(CP, "FORWARDLEARN_TEST_CLASSPATH not set (the Maven build sets it: PythonSuiteTest)")
class JavaServerConformanceTest(unittest.TestCase):
    def test_every_case(self):
        with JavaServers(CP) as java:
            for case in DOC["cases"]:
                with self.subTest(case["name"]):
                    port = java.start(settings(case["server"]))
                    try:
                        conformance.run_case(case, "127.0.0.1", port)
                    finally:
                        java.stop(port)


if __name__ == "__main__":
    unittest.main()
