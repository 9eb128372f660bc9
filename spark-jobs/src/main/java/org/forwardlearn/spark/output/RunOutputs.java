package org.forwardlearn.spark.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.spark.metrics.PhaseMetrics;
import org.forwardlearn.spark.metrics.SparkMetricsListener;
import org.forwardlearn.spark.train.NodeRow;
import org.forwardlearn.spark.train.SfRun;
import scala.Tuple2;

/** Writes a run's outputs: predictions and embeddings (Parquet) and result.json. */
public final class RunOutputs {
    private RunOutputs() {}

    public static StructType predictionSchema() {
        return new StructType().add("id", DataTypes.LongType, false).add("label", DataTypes.IntegerType, false)
                .add("split", DataTypes.StringType, false).add("prediction", DataTypes.IntegerType, false)
                .add("embedding", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }

    /** One row per real node: id, label, split, prediction = argmax of the summed class distributions, embedding. */
    public static Dataset<Row> predictions(SparkSession spark, JavaRDD<Tuple2<Long, NodeRow>> rows) {
        JavaRDD<Row> r = rows.filter(t -> t._2().split() != NodeRow.VIRTUAL).map(t -> RowFactory.create(t._1(),
                t._2().label(), NodeRow.splitName(t._2().split()), NodeRow.argMax(t._2().cum(), 0, t._2().cum().length),
                t._2().x()));
        return spark.createDataFrame(r, predictionSchema());
    }

    /** result.json as a map: accuracies, per-layer training, wall time and Spark metrics, partitioning, provenance. */
    public static Map<String, Object> result(SfRun run, SparkMetricsListener metrics) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_accuracy", run.testAccuracy());
        m.put("val_accuracy", run.valAccuracy());
        m.put("train_accuracy", run.trainAccuracy());
        m.put("resumed_from_layer", run.resumedFrom());
        List<Object> layers = new ArrayList<>();
        for (LayerReport r : run.training().layers()) {
            int l = r.layer();
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("layer", l + 1);   // 1-based, as every CLI output
            lm.put("wall_seconds", run.layerSeconds()[l]);
            lm.put("epochs", r.epochs());
            lm.put("best_epoch", r.bestEpoch());
            lm.put("best_val_accuracy", r.bestMetric());
            lm.put("stopped_early", r.stoppedEarly());
            lm.put("train_seconds", r.seconds());
            lm.put("parameter_bytes", run.parameterBytes(l));
            lm.put("prototype_bytes", 8L * run.prototypes().get(l).getNumElements());
            if (metrics != null) {
                PhaseMetrics all = metrics.total("layer-" + l + "/");
                PhaseMetrics steps = metrics.total("layer-" + l + "/train");
                lm.put("shuffle_read_bytes", all.shuffleReadBytes());
                lm.put("shuffle_write_bytes", all.shuffleWriteBytes());
                lm.put("step_jobs", steps.jobs());
                lm.put("step_shuffle_bytes", steps.shuffleWriteBytes());
                lm.put("step_result_bytes_per_job", steps.jobs() == 0 ? 0 : steps.resultBytes() / steps.jobs());
                lm.put("step_result_bytes_per_task", steps.tasks() == 0 ? 0 : steps.resultBytes() / steps.tasks());
                Map<String, Object> phases = new LinkedHashMap<>();
                for (Map.Entry<String, PhaseMetrics> e : metrics.snapshot().entrySet()) {
                    if (e.getKey().startsWith("layer-" + l + "/")) phases.put(e.getKey(), e.getValue().toMap());
                }
                lm.put("phases", phases);
            }
            layers.add(lm);
        }
        m.put("layers", layers);
        m.put("step_broadcast_bytes", run.stepBroadcastBytes());
        m.put("step_partition_result_bytes", run.stepResultBytes());
        m.put("partitioning", run.partitionReport().toMap());
        if (metrics != null) {
            Map<String, Object> other = new LinkedHashMap<>();
            for (Map.Entry<String, PhaseMetrics> e : metrics.snapshot().entrySet()) {
                if (!e.getKey().startsWith("layer-")) other.put(e.getKey(), e.getValue().toMap());
            }
            m.put("other_phases", other);
        }
        m.put("provenance", run.training().provenance().toMap());
        return m;
    }

    public static String json(Map<String, Object> m) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Expected a JSON-serialisable result (got " + e.getMessage() + ")", e);
        }
    }

    /** Writes predictions/ (Parquet) and result.json under outDir. */
    public static void write(SparkSession spark, String outDir, SfRun run, SparkMetricsListener metrics) {
        write(spark, outDir, run, metrics, Map.of());
    }

    /**
     * Writes predictions and result.json; {@code extraConfig} (e.g. the feature normalisation the job applied
     * before training) is added to the provenance's config.
     */
    public static void write(SparkSession spark, String outDir, SfRun run, SparkMetricsListener metrics, Map<String, String> extraConfig) {
        predictions(spark, run.rows()).write().mode("overwrite").parquet(outDir + "/predictions");
        Map<String, Object> m = result(run, metrics);
        if (!extraConfig.isEmpty()) {
            Map<String, Object> prov = new LinkedHashMap<>(run.training().provenance().toMap());
            Map<String, Object> cfg = new java.util.TreeMap<>();
            if (prov.get("config") instanceof Map<?, ?> c) c.forEach((k, v) -> cfg.put(String.valueOf(k), v));
            cfg.putAll(extraConfig);
            prov.put("config", cfg);
            m.put("provenance", prov);
        }
        HadoopFiles.write(spark.sparkContext().hadoopConfiguration(), outDir + "/result.json",
                json(m).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
