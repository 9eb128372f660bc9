package org.forwardlearn.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.Task;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forwardlearn gnn train}: one forwardgnn experiment ({@code org.forwardlearn.forwardgnn.GnnExperiment}). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a GNN layer by layer (ForwardGNN methods) or by backprop (bp, the baseline).",
                "Writes model.flck, result.json, predictions.csv, metrics.csv, report.html and (node task) split.json to --out."},
        footer = {"", "Node methods: sf, ff-la, ff-vn, symba-la, symba-vn, sf-top-input, sf-top-loss, bp;",
                "label-propagated SF: lpf (the issue-20 method), its ablation lpf-rp, lpf-lt, sf-rp, sf-lt.",
                "Link methods: fl-ce, fl-ff, fl-symba, fl-ce-top, bp. Convs: gcn, sage, gat, and any conv on the class path",
                "(a ConvFactory ServiceLoader provider; bin/forwardlearn adds jars from FORWARDLEARN_PLUGINS).",
                "Example: forwardlearn gnn train --dataset citationfull-cora_ml --method sf --conv gcn --layers 2 --split 0 --out runs/sf",
                "Own tables: forwardlearn gnn train --nodes nodes.csv --edges edges.csv [--format csv|parquet] [--directed] [--features-norm none] --out runs/own",
                "DFA-GNN's protocol: forwardlearn gnn train --dataset cora --method lpf --layers 3 --hidden 64 --split-protocol random-60-20-20 --split 0"})
public final class GnnTrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    @Mixin GnnOptions gnn;
    @Mixin GnnInputOptions input;

    @Option(names = "--dataset", defaultValue = "citationfull-cora_ml", description = "Graph dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--method", description = "Training method (default: sf for node, fl-ce for link).")
    String method;

    @Option(names = "--conv", defaultValue = "gcn", description = "gcn, sage, gat or a registered conv (plugins: FORWARDLEARN_PLUGINS) (default: ${DEFAULT-VALUE}).")
    String conv;

    @Option(names = "--layers", defaultValue = "2", description = "Graph layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--split", defaultValue = "0", description = "Split index: 0..4 (forwardgnn protocol), 0..9 (random-60-20-20), -1 the dataset's public split (default: ${DEFAULT-VALUE}).")
    int split;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        String m = method != null ? method : gnn.kind().defaultMethod();
        GnnOptions.check(gnn.kind(), m, conv);
        gnn.checkValues(java.util.List.of(conv));
        Checks.atLeast("--layers", layers, 1);
        GnnRunner.checkDataset("--dataset", dataset);
        GnnRunner.checkSplit("--split", gnn.kind(), split, null, gnn.splitProtocolName());
        GnnConfig cfg = gnn.base(run.seed).withMethod(m).withConv(conv).withLayers(layers)
                .withSplit(split).withDataDir(root.dataDir());
        if (input.given()) {   // a user's own tables (GnnTableTrain)
            var pr = spec.commandLine().getParseResult();
            for (String o : new String[] {"--dataset", "--split"}) {
                if (pr.hasMatchedOption(o)) throw org.forwardlearn.cli.CliException.usage(o + ": expected none with --nodes/--edges (the node table's split column, or a random split seeded by --seed, is used)");
            }
            return GnnTableTrain.run(console, cfg, input, new RunOutput(run.out));
        }
        RunOutput out = new RunOutput(run.out);
        GraphData g = GnnRunner.load(dataset, root.dataDir(), cfg.task(), "--split", cfg.splitProtocol(), split);
        cfg = cfg.withDataset(dataset);
        console.status(String.format("gnn train: %s %s-%s x%d on %s (%d nodes, %d classes), split %d (%s), seed %d",
                cfg.task(), m, conv, layers, dataset, g.numNodes(), g.numClasses(), split, cfg.splitProtocol(), cfg.seed()));
        MetricsRecorder rec = new MetricsRecorder();
        GnnResult r = GnnRunner.run(cfg, g, Listeners.forRun(console, "val_" + (cfg.task() == Task.LINK ? "auc" : "acc"), rec,
                GnnRunner.patienceEpochs(cfg)));
        Map<String, String> extra = new LinkedHashMap<>();
        Map<String, Object> result = GnnRunner.resultMap(r, root.dataDir(), extra);
        GnnRunner.writeAll(out, r, g, result, rec);
        out.printSummary(console, FfTrainCommand.flat(result));
        return 0;
    }
}
