package org.forwardlearn.cli.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Median and spread of repeated measurements. */
public final class Timings {
    private Timings() {}

    public static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** {min, max, stdev (sample, n-1), n}. */
    public static Map<String, Object> spread(List<Double> v) {
        Map<String, Object> m = new LinkedHashMap<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double d : v) { min = Math.min(min, d); max = Math.max(max, d); sum += d; }
        double mean = v.isEmpty() ? Double.NaN : sum / v.size(), ss = 0;
        for (double d : v) ss += (d - mean) * (d - mean);
        m.put("min", v.isEmpty() ? Double.NaN : min);
        m.put("max", v.isEmpty() ? Double.NaN : max);
        m.put("stdev", v.size() < 2 ? 0.0 : Math.sqrt(ss / (v.size() - 1)));
        m.put("n", v.size());
        return m;
    }
}
