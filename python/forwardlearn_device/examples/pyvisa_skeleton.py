"""A skeleton adapter for an instrument driven with PyVISA: a signal generator drives the device, an oscilloscope
or spectrum analyser reads its response.  Pure documentation of where the driver calls go: this file does not
import pyvisa, and ``measure`` raises until you fill it in.  Copy it, replace the marked lines, then

    python3 -m forwardlearn_device serve my_lab_adapter:Cavity --port 7001 --token-file lab.token

What the server already does for you (so the adapter does not): checks every batch's shape and values
against ``spec()`` before calling ``measure``; answers a resent batch from its cache without measuring it
again; serialises calls (one at a time); turns a ``ValueError`` into BAD_INPUT and any other exception into
DEVICE_FAULT (the trainer stops with your message; nothing is cached, so a retry measures afresh).
"""


class Cavity:
    """20 tones in (amplitudes in [0, 1]), 20 spectral amplitudes out."""

    TONES = 20

    def __init__(self, resource_generator="TCPIP0::192.168.1.20::INSTR", resource_scope="USB0::0x0699::0x0408::C000000::INSTR"):
        # import pyvisa
        # rm = pyvisa.ResourceManager()
        # self.gen = rm.open_resource(resource_generator)   # e.g. an arbitrary waveform generator
        # self.scope = rm.open_resource(resource_scope)     # e.g. a spectrum analyser
        # self.gen.timeout = self.scope.timeout = 5000      # ms; keep it under the trainer's read timeout (10 s)
        # print(self.gen.query("*IDN?"))                    # the firmware string goes into spec()
        self.firmware = "fill in: *IDN? of the instruments"
        self.queries = 0

    def spec(self):
        return {"device_id": "lab-cavity-1", "firmware": self.firmware, "inputs": self.TONES, "outputs": self.TONES,
                "domain": "continuous", "low": 0.0, "high": 1.0,
                "max_batch": 64}  # rows per MEASURE; the trainer splits larger batches

    def measure(self, batch):
        out = []
        for row in batch:  # one physical query per row
            # self.gen.write("SOUR:LIST:AMPL " + ",".join("%.6f" % a for a in row))  # set the 20 tone amplitudes
            # self.gen.write("OUTP ON"); self.gen.query("*OPC?")                        # wait until they play
            # spectrum = self.scope.query_binary_values("TRAC? TRACE1", datatype="f")   # read the response
            # out.append([spectrum[k] for k in self.BINS])                              # the 20 bins of the tones
            raise NotImplementedError("fill in the driver calls of Cavity.measure (see the comments)")
        self.queries += 1
        return out

    # Optional, for drift and resume (mirrors Java's StatefulSystem); leave them out if the hardware has none:
    # def state(self) -> bytes: ...             # e.g. the calibration table, as bytes
    # def restore_state(self, blob: bytes): ... # raise ValueError if it does not fit
    # def calibrate(self): ...                   # e.g. re-measure the reference tones
    # def state_counter(self) -> int: ...        # advances with the device's state; must never go backwards
