package org.forwardlearn.cli.command;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.physical.PhysicalExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forwardlearn physical train}: one physical-network run (module physical, {@link PhysicalExperiment}). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a deep physical network: PFF (model-free forward-forward) or a baseline",
                "(insilico, pat, bp; also logreg, random-map, digital) on simulated or remote devices.",
                "Writes result.json (test_accuracy, device_queries, digital_macs, train_seconds, ...), metrics.csv,",
                "report.html and, for PFF, the checkpoint " + PhysicalRunner.CHECKPOINT + " (--resume continues from it)."},
        footer = {"", "Examples:",
                "  forwardlearn physical train --dataset vowels --system acoustic --blocks 2 --seed 0 --out runs/pff-vowels",
                "  forwardlearn physical train --dataset fashion-mnist --system optical --drift 1e-6 --redraw --out runs/drift",
                "  forwardlearn physical train --dataset vowels --device tcp://127.0.0.1:7001 --token-file lab.token --out runs/hil --resume"})
public final class PhysicalTrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    @Mixin PhysicalOptions phys;

    @Option(names = "--method", defaultValue = "pff", description = "pff, insilico, pat, bp, logreg, random-map or digital (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--resume", description = "Continue an interrupted PFF run from --out's checkpoint (same options and seed).")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        phys.checkValues("--method", java.util.List.of(method));
        if (resume && run.out == null) throw CliException.usage("--resume needs --out (the checkpoint lives there)");
        if (resume && !method.equals("pff")) throw CliException.usage("--resume: only PFF runs checkpoint (got --method " + method + ")");
        RunOutput out = new RunOutput(run.out);
        PhysicalExperiment.Config cfg = phys.config(root.dataDir(), method, run.seed(0));
        if (method.equals("pff") && run.out != null) {
            Files.createDirectories(run.out);
            cfg = cfg.withCheckpoint(PhysicalRunner.checkpoint(run.out), resume);
            if (resume && !Files.exists(PhysicalRunner.checkpoint(run.out))) {
                console.status("no checkpoint in " + run.out + ": starting from the beginning");
            }
        }
        console.status(String.format("physical train: %s on %s%s, %d %s block(s)%s, seed %d, %d epochs%s", method, cfg.dataset(),
                cfg.dataset().equals("vowels") ? " (" + cfg.vowels() + " protocol)" : "",
                cfg.blocks(), cfg.system(), phys.devices.isEmpty() ? "" : " (remote " + phys.devices + ")", cfg.seed(), cfg.epochs(),
                cfg.drift() > 0 ? ", drift " + cfg.drift() + (cfg.redraw() ? " + re-draw" : "") : ""));
        PhysicalRunner.Outcome o = PhysicalRunner.run(cfg, console, true);
        PhysicalRunner.write(out, o, "forwardlearn physical train: " + method + " on " + cfg.dataset() + " (" + cfg.system() + ")");
        out.printSummary(console, FfTrainCommand.flat(o.map()));
        return 0;
    }
}
