package org.forwardlearn.cli.command;

import org.forwardlearn.forwardgnn.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.CsvFile;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.datasets.table.CsvTable;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.datasets.table.TableLayout;
import org.forwardlearn.datasets.table.TableRules;
import org.forwardlearn.forwardgnn.GnnModel;
import org.forwardlearn.forwardgnn.GraphInput;
import org.forwardlearn.forwardgnn.NodePredictions;
import org.forwardlearn.forwardgnn.graph.GraphData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn gnn predict --model DIR/model.flck --nodes ... --edges ... [--pairs FILE] --out DIR}: applies a
 * trained model to a graph that may contain new nodes and edges. Node models (method sf): predictions.csv with the class
 * and per-class scores of every node, keyed by the user's ids; nodes whose split is {@code train} (and labelled) are
 * wired to the class prototypes as in training. Link models (fl-ce, fl-ff, fl-symba): pair_scores.csv for the pairs
 * of {@code --pairs} (CSV with columns src, dst). result.json gives the accuracy per split value on labelled nodes.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Apply a trained model (gnn train's model.flck) to a graph with new nodes and edges.",
                "Writes predictions.csv (node models) or pair_scores.csv (link models, --pairs) and result.json to --out."},
        footer = {"", "Example: forwardlearn gnn predict --model runs/own/model.flck --nodes all_nodes.csv --edges all_edges.csv --out runs/pred"})
public final class GnnPredictCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin GnnInputOptions input;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by gnn train (model.flck).")
    Path model;

    @Option(names = "--pairs", paramLabel = "FILE", description = "Link models: CSV with columns src, dst (node ids) to score.")
    Path pairs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Console console = ForwardlearnCommand.root(spec).console();
        input.check();
        if (!Files.isRegularFile(model)) throw new CliException("--model: expected a model file (got " + model + ", which does not exist)");
        RunOutput o = new RunOutput(out);
        GnnModel m = GnnModel.load(model);
        Task task = Task.parse(m.task());
        String method = m.metadata().getOrDefault("method", "?");
        if (task == Task.NODE && !org.forwardlearn.forwardgnn.nodeclass.NodeMethods.predictable(method)) {   // before reading the tables or creating --out
            throw new CliException(model + ": Expected a node model trained with method sf for predict (got task node, method " + method + ")");
        }
        if (task == Task.LINK && pairs == null) throw CliException.usage("--pairs: expected a pair file for a link model (got none)");
        if (task == Task.NODE && pairs != null) throw CliException.usage("--pairs: expected none for a node model (got " + pairs + ")");
        TableGraph t = input.read(0);
        boolean splitColumn = t.splitSource().startsWith("column");
        GraphInput g = GraphInput.of(t);
        String[] split = new String[t.ids().size()];
        for (int i = 0; i < split.length; i++) split[i] = splitColumn ? t.splitName(i) : "other";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model.toString());
        result.put("method", m.metadata().get("method"));
        result.put("conv", m.metadata().get("conv"));
        result.put("features_norm", m.metadata().getOrDefault(GnnModel.FEATURES_NORM, "row-sum"));
        result.put("nodes", input.nodes.toString());
        result.put("edges", input.edges.toString());
        result.put("graph", t.report());
        if (task == Task.NODE) {
            int[] wired = splitColumn ? t.split().train() : new int[0];
            console.status(String.format("gnn predict: %s on %s (%d nodes, %d stored edges), %d labelled training nodes wired to the prototypes",
                    model, input.nodes, t.graph().numNodes(), t.graph().numStoredEdges(), wired.length));
            GraphData raw = g.graph();
            NodePredictions p = m.predict(raw, t.ids(), wired);
            Map<String, Object> acc = OwnGraphOutputs.accuracyBySplit(p, t.graph().labels(), split);
            result.put("accuracy", acc);
            Files.createDirectories(out);   // only now: a failure before leaves nothing behind
            OwnGraphOutputs.predictions(p, t.graph().labels(), split).write(o.file(RunOutput.PREDICTIONS));
        } else {
            Map<String, Integer> index = t.index();
            CsvTable pt = CsvTable.read(pairs);
            int sc = pt.columns().indexOf(TableLayout.SRC), dc = pt.columns().indexOf(TableLayout.DST);
            if (sc < 0 || dc < 0) throw TableRules.missingColumn("pairs", sc < 0 ? "src" : "dst", pt.columns()).at(pt.file(), "", -1);
            int[][] pr = new int[pt.rows()][];
            List<String[]> named = new ArrayList<>();
            for (int r = 0; r < pt.rows(); r++) {
                String[] ends = new String[2];
                int[] ix = new int[2];
                for (int e = 0; e < 2; e++) {
                    Object v = pt.cell(r, e == 0 ? sc : dc);
                    String col = e == 0 ? "src" : "dst";
                    if (v == null) throw TableRules.missingValue(col).at(pt.file(), "line", pt.position(r));
                    Integer i = index.get(v.toString());
                    if (i == null) throw TableRules.unknownEndpoint(col, v.toString(), input.nodes.toString()).at(pt.file(), "line", pt.position(r));
                    ends[e] = v.toString();
                    ix[e] = i;
                }
                pr[r] = ix;
                named.add(ends);
            }
            console.status(String.format("gnn predict: %s scores %d pairs on %s (%d nodes)", model, pr.length, input.nodes, t.graph().numNodes()));
            double[] s = m.scorePairs(g, pr);
            Files.createDirectories(out);
            CsvFile csv = new CsvFile("src", "dst", "score");
            for (int k = 0; k < s.length; k++) csv.row(named.get(k)[0], named.get(k)[1], s[k]);
            csv.write(o.file("pair_scores.csv"));
            result.put("pairs", s.length);
        }
        JsonFiles.write(o.file(RunOutput.RESULT), result);
        console.out().print(org.forwardlearn.cli.report.TextTable.of(FfTrainCommand.flat(result)).render());
        console.out().flush();
        console.status("wrote " + out);
        return 0;
    }
}
