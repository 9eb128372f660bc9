package org.forwardlearn.physical;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.forwardlearn.physical.pff.PffConfig;

/**
 * Tuning harness (test scope, prints): {@code PffProbe DATASET key=value ...} over {@code Config.defaults(DATASET)}.
 * Keys: method seed (N, N,M or N-M) system noise blocks std epochs limit hidden goodness alpha lr wd inner batch readout skip encoder vowels (SPLIT/NORM), and any "opt.KEY" system option
 * (e.g. opt.camera=512, opt.camera@1=256).
 */
public final class PffProbe {
    private PffProbe() {}

    public static void main(String[] args) {
        String dir = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) { String[] p = args[i].split("=", 2); kv.put(p[0], p[1]); }
        var cfg = PhysicalExperiment.Config.defaults(args[0]);
        if (kv.containsKey("system")) cfg = PhysicalExperiment.Config.defaults(args[0], kv.get("system"));
        if (dir != null) cfg = cfg.withDataDir(Path.of(dir));
        PffConfig p = cfg.pff();
        int epochs = cfg.epochs(), limit = cfg.trainLimit();
        Map<String, String> opts = new LinkedHashMap<>(cfg.systemOptions());
        String method = kv.getOrDefault("method", "pff");
        int blocks = Integer.parseInt(kv.getOrDefault("blocks", String.valueOf(cfg.blocks())));
        String seedArg = kv.getOrDefault("seed", "0");
        long[] seeds = seedArg.contains("-") && !seedArg.startsWith("-")
                ? java.util.stream.LongStream.rangeClosed(Long.parseLong(seedArg.split("-")[0]), Long.parseLong(seedArg.split("-")[1])).toArray()
                : java.util.Arrays.stream(seedArg.split(",")).mapToLong(Long::parseLong).toArray();
        for (var e : kv.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            switch (k) {
                case "method", "seed", "blocks", "std", "vowels", "system", "noise" -> { }
                case "epochs" -> epochs = Integer.parseInt(v);
                case "limit" -> limit = Integer.parseInt(v);
                case "hidden" -> p = p.withHidden(Integer.parseInt(v));
                case "goodness" -> p = p.withGoodness(v);
                case "alpha" -> p = p.withAlpha(Double.parseDouble(v));
                case "lr" -> p = p.withOptimizer(Double.parseDouble(v), p.weightDecay());
                case "wd" -> p = p.withOptimizer(p.lr(), Double.parseDouble(v));
                case "inner" -> p = p.withSteps(Integer.parseInt(v), p.batchSize(), p.epochs());
                case "batch" -> p = p.withSteps(p.innerSteps(), Integer.parseInt(v), p.epochs());
                case "readout" -> p = p.withReadout(Boolean.parseBoolean(v), p.readoutEpochs());
                case "skip" -> p = p.withSkip(Boolean.parseBoolean(v));
                case "encoder" -> p = p.withEncoder(v, p.encoderBits());
                default -> {
                    if (!k.startsWith("opt.")) throw new IllegalArgumentException("Unknown key " + k);
                    opts.put(k.substring(4), v);
                }
            }
        }
        double noise = kv.containsKey("noise") ? Double.parseDouble(kv.get("noise")) : cfg.noise();
        cfg = cfg.withTraining(epochs, limit, p).withSystem(cfg.system(), blocks, noise, opts, null);
        if (kv.containsKey("std")) cfg = cfg.withStandardise(kv.get("std"));
        if (kv.containsKey("vowels")) cfg = cfg.withVowels(org.forwardlearn.physical.data.Vowels.Protocol.parse(kv.get("vowels")));
        double sum = 0, sumRo = 0;
        StringBuilder per = new StringBuilder();
        long t0 = System.nanoTime();
        for (long seed : seeds) {
            PhysicalResult r = new PhysicalExperiment(cfg.with(method, seed)).run(null);
            sum += r.testAccuracy();
            Object ro = r.toMap().get("readout_test_accuracy");
            if (ro instanceof Number n) sumRo += n.doubleValue();
            per.append(String.format(Locale.ROOT, " %.1f", 100 * r.testAccuracy()));
            if (seeds.length == 1) {
                System.out.println(String.format(Locale.ROOT, "RESULT acc=%.4f train_s=%.1f queries=%d macs=%.3g extra=%s", r.testAccuracy(),
                        r.trainSeconds(), r.deviceQueries(), (double) r.digitalMacs(), ro));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.println(String.format(Locale.ROOT, "MEAN acc=%.2f readout=%.2f wall_s=%.1f per-seed=[%s ] args=%s", 100 * sum / seeds.length,
                100 * sumRo / seeds.length, wall, per.toString().trim(), String.join(" ", args)));
    }
}
