package org.forwardlearn.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.CsvFile;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.io.TextFiles;
import org.forwardlearn.cli.progress.ProgressListener;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.core.listen.DivergenceGuard;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnTable;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn gnn table}: the grid datasets x methods x convs x depths x splits, reported as
 * mean ± std of the test metric at the best validation epoch, with wall time per run. With --out each
 * run is stored under runs/ and a rerun skips the runs already done (a long table can be resumed).
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Run a grid of GNN experiments and print the mean ± std table (Markdown).",
                "Writes table.md, table.csv, table.json and runs/*.json to --out; rerunning skips finished runs.",
                "Greedy methods (sf, ff-la, ff-vn, symba-la, symba-vn; fl-ce, fl-ff, fl-symba) train the deepest depth once:",
                "the d-layer model is exactly its first d layers (column 'from'); time = those layers' training time."},
        footer = {"", "Example: forwardlearn gnn table --datasets citationfull-cora_ml,citationfull-citeseer --methods sf,bp "
                + "--convs gcn,sage,gat --layers 1-4 --splits 0-4 --out runs/table"})
public final class GnnTableCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    @Mixin GnnOptions gnn;

    @Option(names = "--datasets", split = ",", defaultValue = "citationfull-cora_ml,citationfull-citeseer",
            description = "Graph datasets (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--methods", split = ",", description = "Methods (default: every method of the task).")
    List<String> methods;

    @Option(names = "--convs", split = ",", defaultValue = "gcn,sage,gat", description = "Convolutions (default: ${DEFAULT-VALUE}).")
    List<String> convs;

    @Option(names = "--layers", defaultValue = "1-4", description = "Depths: a list and/or ranges, e.g. 1-4 or 2,4 (default: ${DEFAULT-VALUE}).")
    String layers;

    @Option(names = "--splits", description = "Split indices, e.g. 0-4 (default: every run of --split-protocol: 0-4 forwardgnn, 0-9 random-60-20-20).")
    String splits;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        List<String> ms = methods != null ? methods : GnnOptions.methods(gnn.kind());
        for (String m : ms) Checks.oneOf("--methods", m, GnnOptions.methods(gnn.kind()));
        for (String c : convs) Checks.oneOf("--convs", c, GnnConfig.convs());
        for (String m : ms) for (String c : convs) GnnOptions.check(gnn.kind(), m, c);
        gnn.checkValues(convs);
        GnnConfig base = gnn.base(run.seed).withDataDir(root.dataDir());
        int[] depths = parseList("--layers", layers), splitIdx = parseList("--splits",
                splits != null ? splits : "0-" + (org.forwardlearn.forwardgnn.SplitProtocol.runs(base.splitProtocol()) - 1));
        for (int d : depths) Checks.atLeast("--layers", d, 1);
        for (int s : splitIdx) GnnRunner.checkSplit("--splits", gnn.kind(), s, null, base.splitProtocol());
        for (String ds : datasets) GnnRunner.checkDataset("--datasets", ds);
        run.prepareOut();
        String metric = gnn.kind().metric();
        List<Integer> depthList = java.util.Arrays.stream(depths).boxed().toList();
        int total = 0;
        for (String m : ms) total += GnnTable.runDepths(base, m, depthList).size();
        total *= datasets.size() * convs.size() * splitIdx.length;
        Path runsDir = run.out == null ? null : run.out.resolve("runs");

        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int done = 0;
        for (String ds : datasets) {
            GraphData g = GnnRunner.load(ds, root.dataDir(), gnn.kind(), "--splits", base.splitProtocol(), splitIdx);
            if (run.out != null && gnn.kind() == org.forwardlearn.forwardgnn.Task.NODE) {
                // the index files of the splits every method of this dataset trains on (the split depends on seed and index only)
                for (int s : splitIdx) {
                    GnnConfig sc = base.withDataset(ds).withSplit(s);
                    JsonFiles.write(run.out.resolve("splits").resolve(String.format(Locale.ROOT, "%s_s%d.json", ds, s)),
                            GnnRunner.splitIndex(sc, g));
                }
            }
            for (String m : ms) for (String c : convs) {
                // greedy methods: depths 1..D are the prefixes of one D-layer run (GnnConfig.depthPrefix, tested there)
                boolean prefix = GnnTable.derivesDepths(base, m, depthList);
                int deepest = java.util.Collections.max(depthList);
                List<Integer> runDepths = GnnTable.runDepths(base, m, depthList);
                Map<Integer, List<Map<String, Object>>> byDepth = new LinkedHashMap<>();
                for (int l : runDepths) {
                    for (int s : splitIdx) {
                        done++;
                        String key = String.format(Locale.ROOT, "%s_%s_%s_L%d_s%d", ds, m, c, l, s)
                                + (base.splitProtocol().equals(org.forwardlearn.forwardgnn.SplitProtocol.FORWARD_GNN) ? "" : "_" + base.splitProtocol());
                        Map<String, Object> res = runsDir == null ? null : readIfDone(runsDir.resolve(key + ".json"));
                        if (res == null) {
                            GnnConfig cfg = base.withDataset(ds).withMethod(m).withConv(c).withLayers(l).withSplit(s);
                            TrainingListener listener = console.effectiveProgressMode() == Console.ProgressMode.BAR
                                    ? TrainingListener.of(new DivergenceGuard(), new ProgressListener(console, "val").patience(GnnRunner.patienceEpochs(cfg)))
                                    : new DivergenceGuard();
                            GnnResult r;
                            try {
                                r = GnnRunner.run(cfg, g, listener);
                            } catch (RuntimeException e) {
                                // one failed run (e.g. diverged) must not lose a long table: report it and go on
                                failed.add(key);
                                console.status(String.format(Locale.ROOT, "[%d/%d] %s: failed: %s", done, total, key,
                                        org.forwardlearn.cli.Errors.oneLine(e)));
                                continue;
                            }
                            res = GnnRunner.resultMap(r, root.dataDir(), Map.of());
                            if (runsDir != null) JsonFiles.write(runsDir.resolve(key + ".json"), res);
                            console.status(String.format(Locale.ROOT, "[%d/%d] %s: test %s %.4f (%.1f s)", done, total, key, metric,
                                    num(res.get("test_" + metric)), num(res.get("train_seconds"))));
                        } else {
                            console.status(String.format(Locale.ROOT, "[%d/%d] %s: done before, skipped", done, total, key));
                        }
                        if (prefix) {
                            for (int d : depths) byDepth.computeIfAbsent(d, k -> new ArrayList<>()).add(GnnTable.prefixResult(res, d, metric));
                        } else {
                            byDepth.computeIfAbsent(l, k -> new ArrayList<>()).add(res);
                        }
                    }
                }
                for (int l : depths) {
                    List<Double> test = new ArrayList<>(), val = new ArrayList<>(), secs = new ArrayList<>(), spe = new ArrayList<>();
                    for (Map<String, Object> res : byDepth.getOrDefault(l, List.of())) {
                        test.add(num(res.get("test_" + metric)));
                        val.add(num(res.get("val_" + metric)));
                        secs.add(num(res.get("train_seconds")));
                        spe.add(num(res.get("seconds_per_epoch")));
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("dataset", ds); row.put("method", m); row.put("conv", c); row.put("layers", l); row.put("runs", test.size());
                    row.put("test_" + metric + "_mean", mean(test)); row.put("test_" + metric + "_std", std(test));
                    row.put("test_" + metric + "_ci95", ci95(test));
                    row.put("val_" + metric + "_mean", mean(val));
                    row.put("seconds_per_run", mean(secs)); row.put("seconds_per_epoch", mean(spe));
                    row.put("from_layers", prefix ? deepest : l);
                    rows.add(row);
                }
            }
        }
        String md = markdown(rows, metric);
        console.endLine();
        console.out().print(md);
        console.out().flush();
        if (run.out != null) {
            TextFiles.write(run.out.resolve("table.md"), md);
            CsvFile csv = new CsvFile(new ArrayList<>(rows.get(0).keySet()));
            for (Map<String, Object> r : rows) csv.row(r.values().toArray());
            csv.write(run.out.resolve("table.csv"));
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("task", gnn.kind().id());
            all.put("metric", metric);
            all.put("config", JsonFiles.typed(base.toMap()));
            all.put("rows", rows);
            JsonFiles.write(run.out.resolve("table.json"), all);
            console.status("wrote " + run.out.resolve("table.md"));
        }
        if (!failed.isEmpty()) {
            throw new CliException(failed.size() + " of " + total + " runs failed (left out of the means): " + String.join(", ", failed));
        }
        return 0;
    }

    static String markdown(List<Map<String, Object>> rows, String metric) {
        TextTable t = new TextTable("dataset", "method", "conv", "layers", "runs", "test " + metric + " (%)", "± 95 % CI",
                "val " + metric + " (%)", "s / run", "s / epoch", "from");
        for (Map<String, Object> r : rows) {
            t.row(r.get("dataset"), r.get("method"), r.get("conv"), r.get("layers"), r.get("runs"),
                    String.format(Locale.ROOT, "%.2f ± %.2f", 100 * num(r.get("test_" + metric + "_mean")), 100 * num(r.get("test_" + metric + "_std"))),
                    String.format(Locale.ROOT, "%.2f", 100 * num(r.get("test_" + metric + "_ci95"))),
                    String.format(Locale.ROOT, "%.2f", 100 * num(r.get("val_" + metric + "_mean"))),
                    r.get("seconds_per_run"), r.get("seconds_per_epoch"), r.get("from_layers"));
        }
        return t.render();
    }

    private static Map<String, Object> readIfDone(Path f) {
        try {
            return Files.isRegularFile(f) ? JsonFiles.read(f) : null;
        } catch (Exception e) {
            return null; // unreadable: run it again
        }
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static double mean(List<Double> v) {
        double s = 0;
        for (double d : v) s += d;
        return v.isEmpty() ? Double.NaN : s / v.size();
    }

    /** Population standard deviation (as numpy's default, which the paper's tables use). */
    static double std(List<Double> v) {
        double m = mean(v), s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return v.isEmpty() ? Double.NaN : Math.sqrt(s / v.size());
    }

    /**
     * Half-width of the 95 % confidence interval of the mean: t(0.975, n-1) times the sample standard deviation over
     * sqrt(n) (Student's t; NaN for fewer than two runs, where it is undefined).
     */
    static double ci95(List<Double> v) {
        int n = v.size();
        if (n < 2) return Double.NaN;
        double m = mean(v), s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return T975[Math.min(n - 1, T975.length) - 1] * Math.sqrt(s / (n - 1)) / Math.sqrt(n);
    }

    /** t(0.975, df) for df = 1..30 (df above 30 uses 30's value, 2.042; the normal limit is 1.960). */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    /** "1-4" or "0,2,5" or "1-2,4" to an int array. */
    static int[] parseList(String option, String spec) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : spec.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) continue;
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    int a = Integer.parseInt(p.substring(0, dash).trim()), b = Integer.parseInt(p.substring(dash + 1).trim());
                    if (b < a) throw new NumberFormatException();
                    for (int i = a; i <= b; i++) out.add(i);
                } else {
                    out.add(Integer.parseInt(p));
                }
            }
        } catch (NumberFormatException e) {
            throw CliException.usage(option + ": expected numbers and ranges like 1-4 or 0,2 (got '" + spec + "')");
        }
        if (out.isEmpty()) throw CliException.usage(option + ": expected at least one value (got '" + spec + "')");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
