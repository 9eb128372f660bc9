#!/usr/bin/env python3
"""Planted-partition user graph for the own-graph figures (docs/results/own-graph.md); writes tables, not data files
of any published dataset.

nodes.csv: id,label,split,f0..f31  (sparse random integer ids, or strings with --string-ids; split 60/20/20 random)
edges.csv: src,dst                 (each undirected edge once)

The graph: N nodes in C equal classes; M = N*degree/2 edges, each from a uniformly drawn node to a node of the same
class with probability `homophily`, else of another class (no self-loops; duplicates possible and reported by the
reader). Features: x = s * mu_class + N(0, I), mu_class ~ N(0, I) in F dims (weak class means, s = --mean-scale).
It also prints the numpy 2-hop neighbour-mean baseline: Z = S S X with S = D^-1 (A + I), then a linear discriminant
(class means and pooled covariance fitted on the training nodes), test accuracy.

  python3 scripts/planted_partition.py --out /tmp/pp [--seed 0] [--string-ids] [--hold-out-test DIR]
--hold-out-test DIR also writes DIR/nodes.csv and DIR/edges.csv without the test nodes (the 80 % of the nodes a model
is trained on before it predicts the whole graph).
"""
import argparse
import os

import numpy as np


def generate(n, c, degree, homophily, f, scale, seed):
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % c)
    by_class = [np.flatnonzero(y == k) for k in range(c)]
    m = n * degree // 2
    u = rng.integers(0, n, m)
    same = rng.random(m) < homophily
    v = np.empty(m, dtype=np.int64)
    for e in range(m):
        k = y[u[e]]
        if not same[e]:
            k = (k + rng.integers(1, c)) % c
        while True:
            v[e] = by_class[k][rng.integers(0, len(by_class[k]))]
            if v[e] != u[e]:
                break
    mu = rng.normal(size=(c, f))
    x = scale * mu[y] + rng.normal(size=(n, f))
    split = np.array(["train"] * n, dtype=object)
    perm = rng.permutation(n)
    split[perm[int(0.6 * n):int(0.8 * n)]] = "val"
    split[perm[int(0.8 * n):]] = "test"
    ids = rng.choice(10**9, size=n, replace=False) + 10**6  # sparse random integer ids
    return ids, y, split, x, u, v


def baseline(n, y, split, x, u, v):
    a = np.zeros((n, n))
    a[u, v] = 1
    a[v, u] = 1
    a += np.eye(n)
    s = a / a.sum(1, keepdims=True)
    z = s @ (s @ x)
    tr, te = split == "train", split == "test"
    classes = np.unique(y)
    means = np.stack([z[tr & (y == k)].mean(0) for k in classes])
    centred = z[tr] - means[y[tr]]
    cov = centred.T @ centred / tr.sum() + 1e-6 * np.eye(z.shape[1])
    w = np.linalg.solve(cov, means.T)
    b = -0.5 * np.sum(means.T * w, 0)
    pred = np.argmax(z @ w + b, 1)
    return float(np.mean(pred[te] == y[te]))


def write(out, ids, y, split, x, u, v, keep):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "nodes.csv"), "w") as fh:
        fh.write("id,label,split," + ",".join(f"f{j}" for j in range(x.shape[1])) + "\n")
        for i in np.flatnonzero(keep):
            fh.write(f"{ids[i]},{y[i]},{split[i]}," + ",".join(f"{t:.6f}" for t in x[i]) + "\n")
    with open(os.path.join(out, "edges.csv"), "w") as fh:
        fh.write("src,dst\n")
        for a, b in zip(u, v):
            if keep[a] and keep[b]:
                fh.write(f"{ids[a]},{ids[b]}\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--nodes", type=int, default=3000)
    p.add_argument("--classes", type=int, default=5)
    p.add_argument("--degree", type=int, default=8)
    p.add_argument("--homophily", type=float, default=0.7)
    p.add_argument("--features", type=int, default=32)
    p.add_argument("--mean-scale", type=float, default=0.32)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--string-ids", action="store_true")
    p.add_argument("--hold-out-test")
    a = p.parse_args()
    ids, y, split, x, u, v = generate(a.nodes, a.classes, a.degree, a.homophily, a.features, a.mean_scale, a.seed)
    if a.string_ids:
        ids = np.array([f"node-{i:x}" for i in ids], dtype=object)
    write(a.out, ids, y, split, x, u, v, np.ones(a.nodes, dtype=bool))
    if a.hold_out_test:
        write(a.hold_out_test, ids, y, split, x, u, v, split != "test")
    print(f"nodes {a.nodes}, edges {len(u)}, 2-hop neighbour-mean baseline test accuracy {baseline(a.nodes, y, split, x, u, v):.4f}")


if __name__ == "__main__":
    main()
