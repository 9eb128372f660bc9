"""``python3 -m forwardlearn_device serve (module:Adapter | --example acoustic|echo) --port N [--token-file F]``."""

import argparse
import importlib
import logging
import os
import sys

from . import serve

EXAMPLES = ("acoustic", "echo")


def _adapter(args):
    if args.example == "acoustic":
        from .examples.acoustic import AcousticExample
        return AcousticExample(seed=args.seed, noise=args.noise if args.noise is not None else 0.01,
                               inputs=args.inputs or 20, outputs=args.outputs or 20, max_batch=args.max_batch)
    if args.example == "echo":
        from .examples.echo import Echo
        return Echo(size=args.inputs or 64, max_batch=args.max_batch)
    module, _, name = args.adapter.partition(":")
    if not module or not name:
        raise SystemExit("forwardlearn_device: error: expected ADAPTER as module:Name (got %r)" % args.adapter)
    sys.path.insert(0, os.getcwd())
    obj = getattr(importlib.import_module(module), name)
    for kv in args.option:
        if "=" not in kv:
            raise ValueError("Expected --option KEY=VALUE (got %r)" % kv)
    kwargs = dict(kv.split("=", 1) for kv in args.option)
    if hasattr(obj, "measure") and not isinstance(obj, type):
        return obj  # an adapter instance
    return obj(**kwargs)  # a class, or a factory function


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m forwardlearn_device", description="Serve a device over the forwardlearn device protocol.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve an adapter (module:Name) or an example")
    s.add_argument("adapter", nargs="?", help="module:Name of the adapter class (instantiated with the --option values)")
    s.add_argument("--example", choices=EXAMPLES, help="serve a bundled example instead")
    s.add_argument("--port", type=int, required=True, help="TCP port (0 = any free port; see --port-file)")
    s.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1; others need --token-file)")
    s.add_argument("--token-file", help="shared-secret token clients must send in HELLO")
    s.add_argument("--port-file", help="write the bound port to this file once listening")
    s.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    s.add_argument("--seed", type=int, default=0, help="example: seed of the simulated device")
    s.add_argument("--noise", type=float, default=None, help="example acoustic: noise level (default 0.01)")
    s.add_argument("--inputs", type=int, default=None, help="example: input size (acoustic 20, echo 64)")
    s.add_argument("--outputs", type=int, default=None, help="example acoustic: output size (20)")
    s.add_argument("--max-batch", type=int, default=4096, help="example: largest batch per MEASURE")
    s.add_argument("--option", action="append", default=[], metavar="KEY=VALUE", help="keyword argument of the adapter class")
    s.add_argument("--hello-timeout", type=float, default=5.0, help="handshake deadline, seconds")
    s.add_argument("--request-timeout", type=float, default=5.0, help="request deadline after its first byte, seconds (plus the bytes/s floor)")
    s.add_argument("--log-level", default="INFO")
    args = p.parse_args(argv)
    if (args.adapter is None) == (args.example is None):
        p.error("expected exactly one of ADAPTER (module:Name) or --example")
    if not 0 <= args.port <= 65535:
        p.error("--port: expected 0..65535 (got %d)" % args.port)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        adapter = _adapter(args)

        def ready(server):
            if args.port_file:
                tmp = args.port_file + ".tmp"
                with open(tmp, "w") as f:
                    f.write(str(server.port))
                os.replace(tmp, args.port_file)
            print("serving %s on %s%s; stop with Ctrl-C" % (server.spec.device_id, server.uri,
                                                          " (token required)" if server.token else ""), flush=True)

        serve(adapter, port=args.port, host=args.bind, token_file=args.token_file, duration=args.duration, ready=ready,
              hello_timeout=args.hello_timeout, request_timeout=args.request_timeout)
    except (ValueError, OSError, ImportError, AttributeError, TypeError) as e:
        print("forwardlearn_device: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
