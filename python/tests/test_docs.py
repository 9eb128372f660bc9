"""docs/hardware-in-the-loop.md: the adapter of section 1 is served and measured as written."""

import os
import re
import sys
import tempfile
import unittest

import forwardlearn_device
from forwardlearn_device.client import Client

DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "docs", "hardware-in-the-loop.md")


def adapter_source():
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("## 1. Write an adapter"):text.index("## 2. Serve it")]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


class DocsTest(unittest.TestCase):
    def test_the_adapter_of_the_page_serves_and_measures(self):
        src = adapter_source()
        self.assertLessEqual(len([l for l in src.splitlines() if l.strip()]), 22, "about 20 lines")
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "lab_adapter.py"), "w") as f:
                f.write(src)
            sys.path.insert(0, d)
            try:
                import lab_adapter
                with forwardlearn_device.start(lab_adapter.Cavity(), token=b"a-long-random-secret") as srv, \
                        Client("127.0.0.1", srv.port, token=b"a-long-random-secret") as c:
                    self.assertEqual("lab-cavity-1", c.spec["device_id"])
                    x = [[i / 20 for i in range(20)], [0.5] * 20]
                    self.assertEqual([[v * v for v in row] for row in x], c.measure(x))
                    self.assertEqual(1, srv.measured_batches)
            finally:
                sys.path.remove(d)
                sys.modules.pop("lab_adapter", None)


if __name__ == "__main__":
    unittest.main()
