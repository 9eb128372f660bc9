package org.forwardlearn.spark.ml;

import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.spark.output.HadoopFiles;

/**
 * ML persistence for the estimator and the model in Spark's own layout, so that {@code Pipeline.load} and
 * {@code PipelineModel.load} find our stages: {@code PATH/metadata/} (Spark's DefaultParamsWriter: class, uid,
 * Spark version, set params and defaults) and, for a model, {@code PATH/data/model.flck} (core's checkpoint
 * format, also loadable by the library and the CLI) and {@code PATH/data/edges} (Parquet, the graph's edge
 * table as {@code src, dst}, when the model keeps its edges).
 */
final class MlIo {
    static final String MODEL = "data/model.flck", EDGES = "data/edges";

    private MlIo() {}

    /** Writes the metadata and, when not null, the model checkpoint and the edge table. */
    static final class ParamsWriter extends MLWriter {
        private final Params owner;
        private final Checkpoint checkpoint;
        private final Dataset<Row> edges;

        ParamsWriter(Params owner, Checkpoint checkpoint, Dataset<Row> edges) {
            this.owner = owner;
            this.checkpoint = checkpoint;
            this.edges = edges;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(owner, path, sparkSession());
            Configuration hc = sparkSession().sparkContext().hadoopConfiguration();
            if (checkpoint != null) HadoopFiles.saveCheckpoint(hc, checkpoint, path + "/" + MODEL);
            if (edges != null) edges.write().parquet(path + "/" + EDGES);
        }
    }

    record Loaded<T>(T instance, DefaultParamsReader.Metadata metadata) {}

    /** Reads {@code PATH/metadata} (checking the class), builds the instance with the stored uid and sets its params. */
    static <T extends Params> Loaded<T> readParams(SparkSession spark, String path, Class<T> cls, Function<String, T> create) {
        DefaultParamsReader.Metadata md = DefaultParamsReader$.MODULE$.loadMetadata(path, spark, cls.getName());
        T t = create.apply(md.uid());
        md.getAndSetParams(t, scala.Option.empty());
        return new Loaded<>(t, md);
    }

    static Checkpoint readCheckpoint(SparkSession spark, String path) {
        return HadoopFiles.loadCheckpoint(spark.sparkContext().hadoopConfiguration(), path + "/" + MODEL);
    }

    /** The saved edge table, or null when the model was saved without one. */
    static Dataset<Row> readEdges(SparkSession spark, String path) {
        return HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), path + "/" + EDGES)
                ? spark.read().parquet(path + "/" + EDGES) : null;
    }
}
