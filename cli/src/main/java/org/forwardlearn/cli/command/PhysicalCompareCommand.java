package org.forwardlearn.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.CsvFile;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.io.TextFiles;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.physical.PhysicalExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn physical compare}: PFF and its baselines on the same physical systems, over several
 * seeds: test accuracy (mean ± std) vs device queries vs digital multiply-adds vs wall time.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare PFF with the in-silico, physics-aware (PAT) and backprop-bound baselines on the same systems.",
                "Prints a Markdown table; --out gets compare.md, compare.csv, compare.json and <method>-s<seed>/result.json."},
        footer = {"", "Example: forwardlearn physical compare --dataset vowels --system acoustic --methods pff,insilico,pat,bp,logreg --seeds 0-2 --out runs/cmp"})
public final class PhysicalCompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    @Mixin PhysicalOptions phys;

    @Option(names = "--methods", split = ",", defaultValue = "pff,insilico,pat,bp", description = "Methods (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--seeds", description = "Seeds, e.g. 0-2 (default: --seed, else 0).")
    String seeds;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        int[] seedList = seeds != null ? GnnTableCommand.parseList("--seeds", seeds) : new int[] {(int) run.seed(0)};
        phys.checkValues("--methods", methods);
        run.prepareOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String m : methods) {
            List<Double> acc = new ArrayList<>(), q = new ArrayList<>(), macs = new ArrayList<>(), secs = new ArrayList<>();
            PhysicalExperiment.Config cfg = null;
            for (int s : seedList) {
                cfg = phys.config(root.dataDir(), m, s);
                console.status(String.format(Locale.ROOT, "physical compare: %s on %s%s (%s x%d), seed %d", m, cfg.dataset(),
                        cfg.dataset().equals("vowels") ? " " + cfg.vowels() : "", cfg.system(), cfg.blocks(), s));
                PhysicalRunner.Outcome o;
                try {
                    o = PhysicalRunner.run(cfg, console, console.effectiveProgressMode() == Console.ProgressMode.BAR);
                } catch (RuntimeException e) {
                    // one failed run must not lose the others: report it and go on
                    failed.add(m + " seed " + s);
                    console.status("  " + m + " seed " + s + ": failed: " + org.forwardlearn.cli.Errors.oneLine(e));
                    continue;
                }
                if (run.out != null) JsonFiles.write(run.out.resolve(m + "-s" + s).resolve(RunOutput.RESULT), o.map());
                acc.add(o.result().testAccuracy());
                q.add((double) o.result().deviceQueries());
                macs.add((double) o.result().digitalMacs());
                secs.add(o.result().trainSeconds());
                console.status(String.format(Locale.ROOT, "  %s seed %d: test accuracy %.4f, %d device queries, %.3g MACs, %.1f s", m, s,
                        o.result().testAccuracy(), o.result().deviceQueries(), (double) o.result().digitalMacs(), o.result().trainSeconds()));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", m);
            row.put("dataset", cfg.dataset());
            row.put("system", cfg.system());
            row.put("blocks", cfg.blocks());
            row.put("seeds", seedList.length);
            row.put("test_accuracy_mean", GnnTableCommand.mean(acc));
            row.put("test_accuracy_std", GnnTableCommand.std(acc));
            row.put("device_queries", GnnTableCommand.mean(q));
            row.put("digital_macs", GnnTableCommand.mean(macs));
            row.put("train_seconds", GnnTableCommand.mean(secs));
            rows.add(row);
        }
        TextTable t = new TextTable("method", "dataset", "system", "blocks", "seeds", "test accuracy (%)", "device queries", "digital MACs", "train s");
        for (Map<String, Object> r : rows) {
            t.row(r.get("method"), r.get("dataset"), r.get("system"), r.get("blocks"), r.get("seeds"),
                    String.format(Locale.ROOT, "%.2f ± %.2f", 100 * (double) r.get("test_accuracy_mean"), 100 * (double) r.get("test_accuracy_std")),
                    String.format(Locale.ROOT, "%.0f", (double) r.get("device_queries")),
                    String.format(Locale.ROOT, "%.3g", (double) r.get("digital_macs")),
                    String.format(Locale.ROOT, "%.1f", (double) r.get("train_seconds")));
        }
        String md = t.render();
        console.endLine();
        console.out().print(md);
        console.out().flush();
        if (run.out != null) {
            TextFiles.write(run.out.resolve("compare.md"), md);
            CsvFile csv = new CsvFile(new ArrayList<>(rows.get(0).keySet()));
            for (Map<String, Object> r : rows) csv.row(r.values().toArray());
            csv.write(run.out.resolve("compare.csv"));
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("rows", rows);
            JsonFiles.write(run.out.resolve("compare.json"), all);
            console.status("wrote " + run.out.resolve("compare.md"));
        }
        if (!failed.isEmpty()) {
            throw new org.forwardlearn.cli.CliException(failed.size() + " run(s) failed (left out of the means): " + String.join(", ", failed));
        }
        return 0;
    }
}
