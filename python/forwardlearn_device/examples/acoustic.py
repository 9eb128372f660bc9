"""A simulated device of the acoustic cavity's shape: 20 drive amplitudes in [0, 1] in, 20 spectral amplitudes
out, with seeded noise.  Defined so that the Java twin ``org.forwardlearn.physical.hil.ExampleDevice``
computes exactly the same float64 outputs (only + and * in a fixed order, SplitMix64 for every random number):

1. structure from SplitMix64(seed), in this order: ``W[j][i] = 0.5 * (2u - 1)`` (j over outputs, i over inputs),
   then ``b[j] = 0.2 u``;
2. response to a row x: ``h = b[j]; for i: h = h + W[j][i] * x[i]``; ``y[j] = h * h + 0.1 * h``;
3. noise from SplitMix64(seed XOR 0x4E4F495345): 12 uniforms per output value, row-major over the measured
   rows; ``n = ((u1 + u2) + ... + u12) - 6``; ``y[j] = y[j] + noise * n``.

State: ``[queries, samples]`` as big-endian float64 (the noise stream's position follows from samples), the
same blob as the Java twin's, so a state saved from one restores into the other.
"""

import struct

from ..splitmix import SplitMix64, uniforms

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

NOISE_SALT = 0x4E4F495345


class AcousticExample:
    """The adapter: ``spec()``, ``measure(batch)``, ``state()``, ``restore_state(blob)``, ``calibrate()``, ``state_counter()``."""

    def __init__(self, seed=0, noise=0.01, inputs=20, outputs=20, max_batch=4096, use_numpy=True):
        self.seed, self.noise = int(seed), float(noise)
        if not self.noise >= 0:
            raise ValueError("Expected noise >= 0 (got %r)" % noise)
        self.inputs, self.outputs, self.max_batch = int(inputs), int(outputs), int(max_batch)
        self.np = np if use_numpy else None
        r = SplitMix64(self.seed)
        self.w = [[0.5 * (2 * r.uniform() - 1) for _ in range(self.inputs)] for _ in range(self.outputs)]
        self.b = [0.2 * r.uniform() for _ in range(self.outputs)]
        if self.np is not None:
            self.w_np = self.np.array(self.w)  # (outputs, inputs)
            self.b_np = self.np.array(self.b)
        self.queries = self.samples = 0

    def spec(self):
        return {"device_id": "example-acoustic-seed%d" % self.seed, "firmware": "example-1", "inputs": self.inputs,
                "outputs": self.outputs, "domain": "continuous", "low": 0.0, "high": 1.0, "max_batch": self.max_batch}

    def _noise_sums(self, rows):
        start = 12 * self.outputs * self.samples
        u = uniforms(self.seed ^ NOISE_SALT, start, 12 * self.outputs * rows, use_numpy=self.np is not None)
        if self.np is not None:
            u = u.reshape(rows, self.outputs, 12)
            n = u[:, :, 0].copy()
            for k in range(1, 12):
                n = n + u[:, :, k]
            return n
        out = []
        for r in range(rows):
            row = []
            for j in range(self.outputs):
                base = (r * self.outputs + j) * 12
                n = u[base]
                for k in range(1, 12):
                    n = n + u[base + k]
                row.append(n)
            out.append(row)
        return out

    def measure(self, x):
        rows = len(x)
        n = self._noise_sums(rows)
        if self.np is not None:
            x = self.np.asarray(x, dtype=self.np.float64)
            h = self.np.broadcast_to(self.b_np, (rows, self.outputs)).copy()
            for i in range(self.inputs):  # a fixed order of summation, the Java loop's
                h = h + self.w_np[:, i][None, :] * x[:, i][:, None]
            y = (h * h + 0.1 * h) + self.noise * (n - 6.0)
        else:
            y = []
            for r in range(rows):
                row = []
                for j in range(self.outputs):
                    h = self.b[j]
                    wj = self.w[j]
                    for i in range(self.inputs):
                        h = h + wj[i] * x[r][i]
                    row.append((h * h + 0.1 * h) + self.noise * (n[r][j] - 6.0))
                y.append(row)
        self.queries += 1
        self.samples += rows
        return y

    def state_counter(self):
        return self.queries

    def state(self):
        return struct.pack(">dd", float(self.queries), float(self.samples))

    def restore_state(self, blob):
        if len(blob) != 16:
            raise ValueError("Expected an example-device state [queries, samples] of 16 bytes (got %d)" % len(blob))
        q, s = struct.unpack(">dd", blob)
        if q < 0 or s < 0 or q != int(q) or s != int(s):
            raise ValueError("Expected an example-device state [queries, samples] of 2 whole numbers (got [%r, %r])" % (q, s))
        self.queries, self.samples = int(q), int(s)

    def calibrate(self):
        """Nothing drifts: calibration has nothing to undo."""
