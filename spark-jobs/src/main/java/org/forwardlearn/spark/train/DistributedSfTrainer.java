package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.forwardgnn.block.SfSetup;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.apache.spark.storage.StorageLevel;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.output.HadoopFiles;
import org.forwardlearn.spark.partition.NodePartitioning;
import org.forwardlearn.spark.partition.PartitionReport;
import scala.Tuple2;

/**
 * Runs distributed SF training end to end: partitioning, the compact block layout ({@link BlockLayout}), the seeded
 * setup drawn as forwardgnn draws it ({@link SfSetup}), core's layer-wise trainer
 * over a {@link DistributedSfProblem}, and (with an output folder) a materialised state plus a model
 * checkpoint after every layer. With an output folder holding a checkpoint of the same configuration, the
 * run resumes after its last completed layer.
 */
public final class DistributedSfTrainer {
    private static final Logger LOG = LogManager.getLogger(DistributedSfTrainer.class);
    public static final String MODEL_FILE = "model.flck";

    private DistributedSfTrainer() {}

    /**
     * @param outDir   Hadoop path of the output folder for state and checkpoint, or null to keep everything in memory
     * @param datasetId recorded in the provenance
     */
    public static SfRun fit(SparkSession spark, GraphTables g, SfConfig cfg, String outDir, String datasetId,
                            TrainingListener listener) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hc = spark.sparkContext().hadoopConfiguration();
        RunProvenance prov = RunProvenance.start("forwardgnn-sf-spark", cfg.toMap(), cfg.seed(), datasetId, "", "ejml+spark");
        jsc.setLocalProperty(DistributedSfProblem.PHASE, "partition");
        Dataset<Row> assignment = NodePartitioning.assign(spark, g, cfg.partitions(), cfg.partitioner()).cache();
        PartitionReport report = PartitionReport.measure(cfg.partitioner(), cfg.partitions(), assignment, g.edges());
        LOG.info("partitioning {}: edge cut {}, balance {}", cfg.partitioner(), String.format("%.4f", report.edgeCut()),
                String.format("%.3f", report.balance()));
        jsc.setLocalProperty(DistributedSfProblem.PHASE, "setup");
        BlockLayout layout = BlockLayout.build(g, assignment, cfg.partitions(), cfg.symmetrise());
        SfSetup setup = SfSetup.draw(cfg.conv(), g.numFeatures(), cfg.hidden(), cfg.layers(), g.numClasses(), SfSetup.rng(cfg.seed(), 0));
        List<GraphConv> convs = new ArrayList<>(setup.convs());
        List<DMatrixRMaj> restoredProto = new ArrayList<>();
        StateStore store = outDir == null ? null : new StateStore(spark, outDir);
        String modelPath = outDir == null ? null : outDir + "/" + MODEL_FILE;
        JavaRDD<LayerRows> rows = null;
        if (modelPath != null && HadoopFiles.exists(hc, modelPath)) {
            Checkpoint ck = HadoopFiles.loadCheckpoint(hc, modelPath);
            checkSameConfig(ck, cfg, modelPath);
            if (ck.completedLayers() > 0) {
                List<GraphConv> done = ModelCodec.layers(ck);
                for (int l = 0; l < done.size(); l++) convs.set(l, done.get(l));
                restoredProto.addAll(ModelCodec.prototypes(ck));
                rows = layout.rowsFrom(store.read(ck.completedLayers() - 1));
                LOG.info("resuming from {} after layer {} of {}", modelPath, ck.completedLayers() - 1, cfg.layers());
            }
        }
        if (rows == null) rows = layout.firstRows(g, assignment);
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
        int start = restoredProto.size();
        List<DMatrixRMaj> doneProto = new ArrayList<>(restoredProto);
        DMatrixRMaj vf = setup.virtualFeatures();
        DistributedSfProblem.Sink sink = (l, next, layer, proto) -> {
            doneProto.add(proto);
            if (store == null) {
                next.count();
                return;
            }
            store.write(l, layout.outputRows(next));
            HadoopFiles.saveCheckpoint(hc, ModelCodec.encode(cfg, prov.toStrings(), convs, doneProto, vf, l + 1), modelPath);
        };
        DistributedSfProblem problem = new DistributedSfProblem(jsc, cfg, layout, rows, convs, vf, restoredProto, sink);
        TrainingResult result = new LayerwiseTrainer(cfg.trainer()).fit(problem, listener, start, prov);
        jsc.setLocalProperty(DistributedSfProblem.PHASE, "evaluate");
        JavaRDD<Tuple2<Long, NodeRow>> out = layout.outputRows(problem.rows()).persist(StorageLevel.MEMORY_AND_DISK());
        double[] acc = SfRun.accuracies(out);
        double[] secs = new double[cfg.layers()];
        for (int l = 0; l < secs.length; l++) secs[l] = problem.layerSeconds(l);
        jsc.setLocalProperty(DistributedSfProblem.PHASE, null);
        assignment.unpersist();
        return new SfRun(cfg, problem.convs(), problem.prototypes(), vf, out, result, report, start, secs, acc,
                problem.stepBroadcastBytes(), problem.stepResultBytes());
    }

    private static void checkSameConfig(Checkpoint ck, SfConfig cfg, String path) {
        Map<String, String> then = ModelCodec.config(ck);
        for (Map.Entry<String, String> e : cfg.toMap().entrySet()) {
            String was = then.get(e.getKey());
            if (!e.getValue().equals(was)) {
                throw new IllegalArgumentException("Expected the checkpoint " + path + " to come from the same configuration to resume"
                        + " (got " + e.getKey() + "=" + was + " there, " + e.getValue() + " now); use a new --out folder");
            }
        }
    }
}
