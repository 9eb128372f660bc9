#!/usr/bin/env python3
"""Merge the runs of several `forwardlearn gnn table --out DIR` folders into one Markdown table.

Usage: merge_tables.py node|link DIR [DIR ...]

Reads DIR/runs/*.json (one file per trained run, as `gnn table` writes them). A greedy method
(sf, ff-la, ff-vn, symba-la, symba-vn; fl-ce, fl-ff, fl-symba) trained at depth D also gives
depths 1..D-1: the d-layer model is its first d layers (per_layer row d-1; time = those layers'
training seconds), exactly as `gnn table` derives them (tested in DepthPrefixTest and the CLI
tests). Settings that differ from the defaults (one-way virtual edges, weight decay, patience)
are shown in the method column. Mean and population std over the splits found; n = splits.
"""
import glob
import json
import math
import sys
from collections import defaultdict

PREFIX = {"sf", "ff-la", "ff-vn", "symba-la", "symba-vn", "fl-ce", "fl-ff", "fl-symba"}
DATASET = {"citationfull-cora_ml": "Cora_ML", "citationfull-citeseer": "CiteSeer"}
METHOD_ORDER = ["sf", "ff-la", "ff-vn", "symba-la", "symba-vn", "sf-top-input", "sf-top-loss",
                "fl-ce", "fl-ff", "fl-symba", "fl-ce-top", "bp"]


def variant(cfg):
    v = []
    if cfg.get("bidirectional") == "false":
        v.append("one-way")
    if float(cfg.get("weight_decay", "5e-4")) != 5e-4:
        v.append("wd " + cfg["weight_decay"])
    if cfg.get("patience", "100") != "100":
        v.append("patience " + cfg["patience"])
    return ", ".join(v)


def main():
    task, dirs = sys.argv[1], sys.argv[2:]
    metric = "auc" if task == "link" else "accuracy"
    cells = defaultdict(dict)  # (ds, method, variant, conv, depth) -> split -> (test, val, secs, epochs)
    for d in dirs:
        for f in sorted(glob.glob(d + "/runs/*.json")):
            r = json.load(open(f))
            if r["task"] != task:
                continue
            cfg = r["provenance"]["config"]
            key = (r["dataset"], r["method"], variant(cfg), r["conv"])
            layers = r["per_layer"]
            depths = range(1, r["layers"] + 1) if r["method"] in PREFIX else [r["layers"]]
            for depth in depths:
                if r["method"] in PREFIX:
                    lm = layers[depth - 1]
                    secs = sum(l["seconds"] for l in layers[:depth])
                    eps = sum(l["epochs"] for l in layers[:depth])
                    test, val = lm["test_" + metric], lm["val_" + metric]
                else:
                    secs = r["train_seconds"]
                    eps = sum(l.get("epochs", 0) for l in layers)
                    test, val = r["test_" + metric], r["val_" + metric]
                # a run trained at exactly this depth wins over a prefix of a deeper one (they are equal anyway)
                prev = cells[key + (depth,)].get(r["split"])
                if prev is None or r["layers"] == depth:
                    cells[key + (depth,)][r["split"]] = (test, val, secs, eps)

    def order(k):
        ds, m, var, conv, depth = k
        return (list(DATASET).index(ds) if ds in DATASET else 9, METHOD_ORDER.index(m) if m in METHOD_ORDER else 99,
                var, ["gcn", "sage", "gat"].index(conv), depth)

    print(f"| dataset | method | conv | layers | n | test {metric} % (mean ± std) | val % | s / run | s / epoch |")
    print("|---|---|---|---|---|---|---|---|---|")
    for k in sorted(cells, key=order):
        ds, m, var, conv, depth = k
        runs = cells[k]
        t = [100 * x[0] for x in runs.values()]
        v = [100 * x[1] for x in runs.values()]
        mean = sum(t) / len(t)
        std = math.sqrt(sum((x - mean) ** 2 for x in t) / len(t))
        secs = sum(x[2] for x in runs.values()) / len(runs)
        eps = sum(x[3] for x in runs.values()) / len(runs)
        name = m.upper() if m == "bp" else m
        if var:
            name += f" ({var})"
        print(f"| {DATASET.get(ds, ds)} | {name} | {conv.upper()} | {depth} | {len(runs)} | {mean:.2f} ± {std:.2f} | "
              f"{sum(v) / len(v):.2f} | {secs:.1f} | {secs / eps if eps else float('nan'):.4f} |")


if __name__ == "__main__":
    main()
