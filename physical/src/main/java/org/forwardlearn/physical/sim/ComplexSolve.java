package org.forwardlearn.physical.sim;

/** Gaussian elimination with partial pivoting for a small dense complex system A x = b (A and b overwritten). */
final class ComplexSolve {
    private ComplexSolve() {}

    static void solve(double[] ar, double[] ai, double[] br, double[] bi, int n) {
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
                swap(br, c, p);
                swap(bi, c, p);
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
                double cr = br[c], ci = bi[c];
                br[r] -= fr * cr - fi * ci;
                bi[r] -= fr * ci + fi * cr;
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double sr = br[r], si = bi[r];
            for (int j = r + 1; j < n; j++) {
                double cr = ar[r * n + j], ci = ai[r * n + j];
                sr -= cr * br[j] - ci * bi[j];
                si -= cr * bi[j] + ci * br[j];
            }
            double pr = ar[r * n + r], pi = ai[r * n + r], den = pr * pr + pi * pi;
            br[r] = (sr * pr + si * pi) / den;
            bi[r] = (si * pr - sr * pi) / den;
        }
    }

    private static void swap(double[] a, int i, int j) { double t = a[i]; a[i] = a[j]; a[j] = t; }
}
