package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.spark.input.FeatureNormalization;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.forwardlearn.spark.output.RunOutputs;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark job runs forwardgnn's own SF code per partition ({@code forwardgnn.block}) and reproduces forwardgnn's local
 * run ({@code GnnExperiment}, method sf, the same seed and split): with 1 partition the weights agree within 1e-6 relative
 * and every node's prediction is the same; with 4 partitions (halo exchanged once per layer) the test accuracy is within
 * 0.5 points. Per conv on a 600-node CSBM (fast), and for GCN on CitationFull Cora_ML, ForwardGNN split 0.
 */
class EquivalenceTest {
    static final long SEED = 7;

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void everyConvOnePartitionEqualsGnnExperimentOnCsbm(String conv) {
        GraphData signed = GraphData.from(MlApiTest.csbm());
        DMatrixRMaj x = signed.features().toDense().copy();
        for (int i = 0; i < x.data.length; i++) x.data[i] = Math.exp(x.data[i]);   // row-sum normalisation needs positive rows
        GraphData gd = new GraphData("csbm-600-exp", signed.topology(), org.forwardlearn.forwardgnn.graph.NodeMatrix.dense(x),
                signed.labels(), signed.numClasses());
        GnnConfig gc = GnnConfig.defaults().withGraph(gd).withMethod("sf").withConv(conv).withLayers(2).withHidden(16)
                .withEpochs(10).withPatience(5).withValidateEvery(2).withLr(0.02).withSeed(SEED).withSplit(0);
        compare(gc, gd, 3, 0.005);
    }

    @Test
    void gcnOnCoraMlOneAndFourPartitions() {
        GraphData gd = GraphData.from(CoraMlCsv.graph());
        GnnConfig gc = GnnConfig.defaults().withDataDir(SharedSpark.dataDir()).withMethod("sf").withConv("gcn").withLayers(2)
                .withHidden(32).withEpochs(30).withPatience(5).withValidateEvery(2).withLr(0.01).withSeed(SEED).withSplit(0);
        compare(gc, gd, 4, 0.005);
    }

    /** 1 partition = local (weights 1e-6, same predictions); {@code parts} LDG partitions within {@code tol} test accuracy. */
    static void compare(GnnConfig gc, GraphData gd, int parts, double tol) {
        GnnExperiment exp = new GnnExperiment(gc);
        GnnResult local = exp.run(null);
        SparkSession spark = SharedSpark.get();
        Split s = GnnExperiment.split(gc, gd);
        NodeSplit split = new NodeSplit(s.train(), s.val(), s.test());
        // raw features in the table; the job row-sum-normalises them with datasets' FeatureNorm, as GnnExperiment does
        GraphTables tables = FeatureNormalization.apply(GraphValidator.validate(nodes(spark, gd, split),
                edges(spark, gd)), org.forwardlearn.datasets.table.FeatureNorm.ROW_SUM);
        SfConfig one = SfConfig.defaults().withConv(gc.conv()).withLayers(gc.layers()).withHidden(gc.hidden()).withPartitions(1)
                .withTrainer(exp.trainerConfig());
        SfRun r1 = DistributedSfTrainer.fit(spark, tables, one, null, "equivalence", null);
        double worst = 0;
        for (int l = 0; l < gc.layers(); l++) {
            List<Parameter> a = local.model().convs().get(l).parameters(), b = r1.layers().get(l).parameters();
            for (int k = 0; k < a.size(); k++) worst = Math.max(worst, relDiff(a.get(k).value(), b.get(k).value()));
        }
        Map<Long, Integer> pred = MlApiTest.preds(RunOutputs.predictions(spark, r1.rows()));
        int differ = 0;
        for (int i = 0; i < local.predictions().length; i++) if (pred.get((long) i) != local.predictions()[i]) differ++;
        System.out.printf("equivalence %s %s: weights max |diff|/max |w| = %.3g, predictions differing %d, test local %.4f spark-1 %.4f%n",
                gd.id(), gc.conv(), worst, differ, local.testAccuracy(), r1.testAccuracy());
        assertTrue(worst <= 1e-6, gc.conv() + ": weights within 1e-6 relative (got " + worst + ")");
        assertEquals(0, differ, gc.conv() + ": the same prediction for every node");
        assertEquals(local.testAccuracy(), r1.testAccuracy(), 1e-12, gc.conv() + ": test accuracy, 1 partition");
        SfRun r4 = DistributedSfTrainer.fit(spark, tables, one.withPartitions(parts).withPartitioner("ldg"), null, "equivalence", null);
        System.out.printf("equivalence %s %s: %d ldg partitions (cut %.3f) test %.4f vs local %.4f%n", gd.id(), gc.conv(), parts,
                r4.partitionReport().edgeCut(), r4.testAccuracy(), local.testAccuracy());
        assertEquals(local.testAccuracy(), r4.testAccuracy(), tol, gc.conv() + ": test accuracy, " + parts + " partitions");
        assertTrue(local.testAccuracy() > 1.0 / gd.numClasses() + 0.1, "above chance (got " + local.testAccuracy() + ")");
    }

    /** max |a - b| / max |a| (0 when both are 0). */
    static double relDiff(DMatrixRMaj a, DMatrixRMaj b) {
        assertEquals(a.getNumElements(), b.getNumElements());
        double num = 0, den = 0;
        for (int i = 0; i < a.data.length; i++) {
            num = Math.max(num, Math.abs(a.data[i] - b.data[i]));
            den = Math.max(den, Math.abs(a.data[i]));
        }
        return den == 0 ? num : num / den;
    }

    /** The edge table from forwardgnn's GraphData (both directions, as its topology holds them). */
    static Dataset<Row> edges(SparkSession spark, GraphData gd) {
        int[][] e = gd.topology().edges();
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < e[0].length; k++) rows.add(RowFactory.create((long) e[0][k], (long) e[1][k]));
        return spark.createDataFrame(rows, GraphConversion.edgeSchema());
    }

    /** The node table from forwardgnn's GraphData (its raw features). */
    static Dataset<Row> nodes(SparkSession spark, GraphData gd, NodeSplit split) {
        String[] s = GraphConversion.splitNames(gd.numNodes(), split);
        DMatrixRMaj x = gd.features().toDense();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < gd.numNodes(); i++) {
            double[] f = new double[x.numCols];
            System.arraycopy(x.data, i * x.numCols, f, 0, x.numCols);
            rows.add(RowFactory.create((long) i, gd.labels()[i], s[i], f));
        }
        return spark.createDataFrame(rows, GraphConversion.nodeSchema());
    }
}
