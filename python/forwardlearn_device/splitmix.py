"""SplitMix64, bit for bit the generator of the Java ``org.forwardlearn.physical.hil.SplitMix64``.

``state += 0x9E3779B97F4A7C15`` then the variant-13 mix; a uniform double is ``(next >> 11) * 2**-53``
(exact).  The state after k draws is ``seed + k * GAMMA`` (mod 2**64), so draws can be computed in any
order: :func:`uniforms` gives draws ``start+1 .. start+n`` of a stream at once (vectorised with numpy).
"""

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB
_SCALE = 2.0 ** -53

try:
    import numpy as _np
except ImportError:  # pragma: no cover - exercised on machines without numpy
    _np = None


def mix(z):
    """The SplitMix64 output function of a 64-bit state (a Python int)."""
    z = ((z ^ (z >> 30)) * _M1) & MASK
    z = ((z ^ (z >> 27)) * _M2) & MASK
    return z ^ (z >> 31)


class SplitMix64:
    """A sequential generator; ``uniform()`` matches Java's ``SplitMix64.uniform()``."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + GAMMA) & MASK
        return mix(self.state)

    def uniform(self):
        return (self.next() >> 11) * _SCALE


def uniforms(seed, start, n, use_numpy=True):
    """Uniforms number ``start+1 .. start+n`` of the stream seeded with ``seed``: a numpy array or a list."""
    seed &= MASK
    if _np is not None and use_numpy:
        k = _np.arange(start + 1, start + n + 1, dtype=_np.uint64)
        with _np.errstate(over="ignore"):
            z = _np.uint64(seed) + k * _np.uint64(GAMMA)
            z = (z ^ (z >> _np.uint64(30))) * _np.uint64(_M1)
            z = (z ^ (z >> _np.uint64(27))) * _np.uint64(_M2)
            z = z ^ (z >> _np.uint64(31))
        return (z >> _np.uint64(11)).astype(_np.float64) * _SCALE
    return [(mix((seed + k * GAMMA) & MASK) >> 11) * _SCALE for k in range(start + 1, start + n + 1)]
