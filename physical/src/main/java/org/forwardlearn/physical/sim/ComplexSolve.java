package org.forwardlearn.physical.sim;

/** Gaussian elimination with partial pivoting for a small dense complex system A X = B (A and B overwritten). */
final class ComplexSolve {
    private ComplexSolve() {}

    /** One right-hand side: b := A^-1 b. */
    static void solve(double[] ar, double[] ai, double[] br, double[] bi, int n) { solveMany(ar, ai, br, bi, n, 1); }

    /** m right-hand sides, B row-major n x m: B := A^-1 B. */
    static void solveMany(double[] ar, double[] ai, double[] br, double[] bi, int n, int m) {
        for (int c = 0; c < n; c++) {
            int p = c;
            double best = ar[c * n + c] * ar[c * n + c] + ai[c * n + c] * ai[c * n + c];
            for (int r = c + 1; r < n; r++) {
                double v = ar[r * n + c] * ar[r * n + c] + ai[r * n + c] * ai[r * n + c];
                if (v > best) { best = v; p = r; }
            }
            if (best == 0) throw new ArithmeticException("Expected a non-singular interaction matrix (got a zero pivot)");
            if (p != c) {
                for (int j = 0; j < n; j++) {
                    swap(ar, c * n + j, p * n + j);
                    swap(ai, c * n + j, p * n + j);
                }
                for (int j = 0; j < m; j++) {
                    swap(br, c * m + j, p * m + j);
                    swap(bi, c * m + j, p * m + j);
                }
            }
            double pr = ar[c * n + c], pi = ai[c * n + c], den = pr * pr + pi * pi;
            double ir = pr / den, ii = -pi / den;           // 1 / pivot
            for (int r = c + 1; r < n; r++) {
                double xr = ar[r * n + c], xi = ai[r * n + c];
                double fr = xr * ir - xi * ii, fi = xr * ii + xi * ir;
                if (fr == 0 && fi == 0) continue;
                for (int j = c; j < n; j++) {
                    double cr = ar[c * n + j], ci = ai[c * n + j];
                    ar[r * n + j] -= fr * cr - fi * ci;
                    ai[r * n + j] -= fr * ci + fi * cr;
                }
                for (int j = 0; j < m; j++) {
                    double cr = br[c * m + j], ci = bi[c * m + j];
                    br[r * m + j] -= fr * cr - fi * ci;
                    bi[r * m + j] -= fr * ci + fi * cr;
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double pr = ar[r * n + r], pi = ai[r * n + r], den = pr * pr + pi * pi;
            for (int j = 0; j < m; j++) {
                double sr = br[r * m + j], si = bi[r * m + j];
                for (int k = r + 1; k < n; k++) {
                    double cr = ar[r * n + k], ci = ai[r * n + k];
                    sr -= cr * br[k * m + j] - ci * bi[k * m + j];
                    si -= cr * bi[k * m + j] + ci * br[k * m + j];
                }
                br[r * m + j] = (sr * pr + si * pi) / den;
                bi[r * m + j] = (si * pr - sr * pi) / den;
            }
        }
    }

    private static void swap(double[] a, int i, int j) { double t = a[i]; a[i] = a[j]; a[j] = t; }
}
