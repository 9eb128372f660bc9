import struct
import unittest

from forwardlearn_device.examples.acoustic import AcousticExample
from forwardlearn_device.splitmix import SplitMix64, uniforms

try:
    import numpy
except ImportError:  # pragma: no cover
    numpy = None


class SplitMixTest(unittest.TestCase):
    def test_reference_values(self):
        # SplitMix64 from state 0: the reference implementation's first outputs (also Java's SplittableRandom(0))
        r = SplitMix64(0)
        self.assertEqual(0xE220A8397B1DCDAF, r.next())
        self.assertEqual(0x6E789E6AA1B965F4, r.next())

    def test_jumped_uniforms_equal_sequential_ones(self):
        r = SplitMix64(42)
        seq = [r.uniform() for _ in range(50)]
        self.assertEqual(seq[10:50], list(uniforms(42, 10, 40, use_numpy=False)))
        if numpy is not None:
            self.assertEqual(seq[10:50], [float(v) for v in uniforms(42, 10, 40)])


class AcousticExampleTest(unittest.TestCase):
    def test_shape_spec_and_noise(self):
        d = AcousticExample(seed=3)
        s = d.spec()
        self.assertEqual((20, 20, "example-acoustic-seed3"), (s["inputs"], s["outputs"], s["device_id"]))
        quiet, noisy = AcousticExample(seed=3, noise=0.0), AcousticExample(seed=3, noise=0.5)
        x = [[0.5] * 20] * 200
        diff = [a - b for ra, rb in zip(noisy.measure(x), quiet.measure(x)) for a, b in zip(ra, rb)]
        mean = sum(diff) / len(diff)
        sd = (sum((v - mean) ** 2 for v in diff) / len(diff)) ** 0.5
        self.assertAlmostEqual(0.0, mean, delta=0.02)
        self.assertAlmostEqual(0.5, sd, delta=0.03)  # Irwin-Hall of 12 uniforms: variance 1

    @unittest.skipIf(numpy is None, "numpy absent")
    def test_numpy_and_pure_python_paths_are_bit_identical(self):
        a, b = AcousticExample(seed=9), AcousticExample(seed=9, use_numpy=False)
        for k in range(3):
            x = [[((i * 7 + j * 3 + k) % 11) / 10 for j in range(20)] for i in range(1 + 5 * k)]
            self.assertEqual([list(map(float, r)) for r in a.measure(x)], b.measure(x))

    def test_state_restores_the_noise_stream(self):
        d = AcousticExample(seed=4)
        x = [[0.25] * 20] * 3
        saved = d.state()
        self.assertEqual(struct.pack(">dd", 0, 0), saved)
        first = [list(map(float, r)) for r in d.measure(x)]
        d.measure(x)
        d.restore_state(saved)
        self.assertEqual(first, [list(map(float, r)) for r in d.measure(x)])
        with self.assertRaises(ValueError) as e:
            d.restore_state(b"123")
        self.assertEqual("Expected an example-device state [queries, samples] of 16 bytes (got 3)", str(e.exception))


if __name__ == "__main__":
    unittest.main()


class WithoutNumpyTest(unittest.TestCase):
    def test_the_package_serves_without_numpy_and_gives_the_same_bits(self):
        import json
        import os
        import subprocess
        import sys
        code = ("import sys, json; sys.modules['numpy'] = None\n"
                "import forwardlearn_device as fd\n"
                "from forwardlearn_device.client import Client\n"
                "from forwardlearn_device.examples.acoustic import AcousticExample\n"
                "x = [[((i * 7 + j * 3) % 11) / 10 for j in range(20)] for i in range(5)]\n"
                "with fd.start(AcousticExample(seed=9)) as s, Client('127.0.0.1', s.port) as c:\n"
                "    print(json.dumps([[v.hex() for v in r] for r in c.measure(x)]))\n")
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        r = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=here), capture_output=True, text=True, timeout=60)
        self.assertEqual(0, r.returncode, r.stderr)
        got = [[float.fromhex(v) for v in row] for row in json.loads(r.stdout)]
        x = [[((i * 7 + j * 3) % 11) / 10 for j in range(20)] for i in range(5)]
        self.assertEqual([list(map(float, row)) for row in AcousticExample(seed=9).measure(x)], got)
