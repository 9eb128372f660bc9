"""Example adapters: ``acoustic`` (a simulated device, bit-identical to the Java ``ExampleDevice``),
``echo`` (answers its inputs, for measuring the protocol's own cost) and ``pyvisa_skeleton`` (where a real
instrument's driver calls go)."""
