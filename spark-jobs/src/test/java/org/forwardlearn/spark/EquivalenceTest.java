package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;
import org.junit.jupiter.api.Test;

/** The Spark job reproduces the single-JVM run: 1 partition exactly (1e-6), 4 partitions within 0.5 points. */
class EquivalenceTest {
    static SfConfig config(int partitions, String partitioner) {
        TrainerConfig t = TrainerConfig.defaults().withMaxEpochs(60).withPatience(20).withSeed(7);
        return SfConfig.defaults().withHidden(64).withPartitions(partitions).withPartitioner(partitioner).withTrainer(t);
    }

    @Test
    void onePartitionEqualsLocalRunAndFourPartitionsAgree() {
        SparkSession spark = SharedSpark.get();
        Graph g = SharedSpark.cora();
        NodeSplit split = g.publicSplit().orElseThrow();
        LocalSfReference local = new LocalSfReference(g, split, config(1, "hash"));
        local.fit();
        double localTest = local.testAccuracy();
        GraphTables tables = GraphConversion.tables(spark, g, split, 4);
        SfRun one = DistributedSfTrainer.fit(spark, tables, config(1, "hash"), null, "cora", null);
        assertEquals(localTest, one.testAccuracy(), 0.0, "test accuracy, 1 partition vs local");
        for (int l = 0; l < 2; l++) {
            assertClose(local.layers.get(l).weight(), one.layers().get(l).weight(), 1e-6);
            assertClose(local.layers.get(l).bias(), one.layers().get(l).bias(), 1e-6);
        }
        SfRun four = DistributedSfTrainer.fit(spark, tables, config(4, "ldg"), null, "cora", null);
        assertEquals(localTest, four.testAccuracy(), 0.005, "test accuracy, 4 partitions vs local");
        System.out.printf("equivalence: local test %.4f, 1 partition %.4f, 4 partitions (ldg, cut %.3f) %.4f%n",
                localTest, one.testAccuracy(), four.partitionReport().edgeCut(), four.testAccuracy());
        assertTrue(localTest > 0.6, "well above chance on Cora (got " + localTest + ")");
    }

    static void assertClose(DMatrixRMaj a, DMatrixRMaj b, double rel) {
        double num = 0, den = 0;
        for (int i = 0; i < a.data.length; i++) {
            num = Math.max(num, Math.abs(a.data[i] - b.data[i]));
            den = Math.max(den, Math.abs(a.data[i]));
        }
        assertTrue(num <= rel * den, "max |diff| " + num + " > " + rel + " * max|w| " + den);
    }
}
