"""forwardlearn_device: the device side of forwardlearn's hardware-in-the-loop protocol (physical/PROTOCOL.md).

A lab wraps its instrument in an adapter object and serves it::

    import forwardlearn_device

    class MyDevice:
        def spec(self):
            return {"device_id": "lab-slm-1", "firmware": "v2", "inputs": 20, "outputs": 20,
                    "domain": "continuous", "low": 0.0, "high": 1.0, "max_batch": 64}
        def measure(self, batch):          # rows x 20 float64 (numpy array, or lists without numpy)
            return [instrument_response(row) for row in batch]

    forwardlearn_device.serve(MyDevice(), port=7001, token_file="lab.token")

or ``python3 -m forwardlearn_device serve my_module:MyDevice --port 7001 --token-file lab.token``.
Optional adapter methods: ``state()`` -> bytes, ``restore_state(blob)``, ``calibrate()``, ``reset()``,
``state_counter()`` -> int.  Standard library only; numpy is used when present.
"""

import logging
import signal
import threading

from .server import DeviceServer, Fault, Spec, read_token

__version__ = "0.1.0"
logging.getLogger(__name__).addHandler(logging.NullHandler())  # a library logs; the application configures
__all__ = ["DeviceServer", "Fault", "Spec", "serve", "start", "read_token"]


def start(adapter, port=0, token_file=None, host="127.0.0.1", token=None, **options):
    """Starts serving ``adapter`` in background threads and returns the :class:`DeviceServer` (``.port``, ``.close()``)."""
    if token_file is not None:
        token = read_token(token_file)
    return DeviceServer(adapter, host=host, port=port, token=token, **options)


def serve(adapter, port=0, token_file=None, host="127.0.0.1", token=None, duration=None, ready=None, **options):
    """Serves ``adapter`` until interrupted (Ctrl-C, SIGTERM) or for ``duration`` seconds.

    ``ready(server)`` is called once listening (e.g. to print the port).  Returns the stopped server (its
    counters: ``measured_batches``, ``measured_rows``, ``cache_hits``, ``measure_requests``).
    """
    server = start(adapter, port=port, token_file=token_file, host=host, token=token, **options)
    stop = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, lambda *a: stop.set())
    try:
        if ready is not None:
            ready(server)
        stop.wait(duration)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    logging.getLogger("forwardlearn_device").info(
        "device server stopped: %d measure requests, %d batches (%d rows) measured, %d answered from cache",
        server.measure_requests, server.measured_batches, server.measured_rows, server.cache_hits)
    return server
