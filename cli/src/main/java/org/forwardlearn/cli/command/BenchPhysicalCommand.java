package org.forwardlearn.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forwardlearn bench physical}: a physical-network scenario (PFF or a baseline) run after warm-up K times. */
@Command(name = "physical", mixinStandardHelpOptions = true,
        description = {"Benchmark a physical-network scenario: warm-up, then --repeat timed runs; writes DIR/bench.json."},
        footer = {"", "Example: forwardlearn bench physical --dataset vowels --system acoustic --method pff --repeat 3 --out runs/bench-pff"})
public final class BenchPhysicalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    @Mixin PhysicalOptions phys;
    @Mixin BenchLoop loop;

    @Option(names = "--method", defaultValue = "pff", description = "pff, insilico, pat, bp, logreg, random-map or digital (default: ${DEFAULT-VALUE}).")
    String method;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        phys.checkValues("--method", java.util.List.of(method));
        loop.checkValues();
        run.prepareOut();
        int parallelism = loop.applyThreads();
        PhysicalExperiment.Config cfg = phys.config(root.dataDir(), method, run.seed(0));
        console.status(String.format("bench physical: %s on %s (%s x%d), %d epochs, %d warm-up + %d runs, fork-join parallelism %d",
                method, cfg.dataset(), cfg.system(), cfg.blocks(), cfg.epochs(), loop.warmup, loop.repeat, parallelism));
        Map<String, Object> measured = loop.measure(console, "accuracy", () -> {
            long s = System.nanoTime();
            PhysicalResult r = PhysicalRunner.run(cfg, console, false).result();
            double wall = (System.nanoTime() - s) / 1e9;
            long epochs = Math.max(1, r.epochs().size());
            double spe = r.trainSeconds() / epochs;
            return new BenchLoop.Run(wall, r.trainSeconds(), spe, new double[] {spe}, r.testAccuracy(), epochs);
        });
        Map<String, Object> bench = new LinkedHashMap<>();
        bench.put("scenario", String.format("physical/%s/%s-x%d/%s/%d-epochs", cfg.dataset(), cfg.system(), cfg.blocks(), method, cfg.epochs()));
        bench.putAll(measured);
        bench.put("config", JsonFiles.typed(PhysicalOptions.describe(cfg)));
        if (run.out != null) JsonFiles.write(run.out.resolve("bench.json"), bench);
        console.endLine();
        console.out().print(TextTable.of(BenchGnnCommand.summary(bench)).render());
        console.out().flush();
        if (run.out != null) console.status("wrote " + run.out.resolve("bench.json"));
        return 0;
    }
}
