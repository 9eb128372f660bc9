package org.forwardlearn.spark.ml;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.spark.input.GraphSchemaException;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.forwardlearn.spark.output.RunOutputs;
import org.forwardlearn.spark.train.ModelCodec;
import org.forwardlearn.spark.train.NodeRow;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfInference;
import org.forwardlearn.spark.train.SfRun;
import scala.Tuple2;

/**
 * A trained ForwardGNN single-forward model (all layers, prototypes and the virtual-node features, held as
 * core's {@link Checkpoint}). {@link #transform} needs the graph's edges (GNN inference aggregates over
 * neighbours): those given at fit time, or {@link #setEdges} / {@link #transform(Dataset, Dataset)}. It adds
 * {@code prediction} (int, argmax of the class distributions summed over layers) and {@code embedding}
 * (array&lt;double&gt;, the last layer's row-normalised output) to every node row.
 */
public final class ForwardGnnModel extends Model<ForwardGnnModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final Checkpoint checkpoint;
    private transient Dataset<?> edges;
    private final transient SfRun summary;
    private final Param<String> predictionCol, embeddingCol;

    ForwardGnnModel(String uid, Checkpoint checkpoint, Dataset<?> edges, SfRun summary) {
        this.uid = uid;
        this.checkpoint = checkpoint;
        this.edges = edges;
        this.summary = summary;
        predictionCol = new Param<>(this, "predictionCol", "output column of the predicted class");
        embeddingCol = new Param<>(this, "embeddingCol", "output column of the last layer's normalised embedding");
        setDefault(predictionCol, "prediction");
        setDefault(embeddingCol, "embedding");
    }

    static Checkpoint checkpointOf(SfRun run) {
        return ModelCodec.encode(run.config(), run.training().provenance().toStrings(), run.layers(), run.prototypes(),
                run.virtualFeatures(), run.config().layers());
    }

    @Override public String uid() { return uid; }

    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> embeddingCol() { return embeddingCol; }
    public ForwardGnnModel setPredictionCol(String v) { set(predictionCol, v); return this; }
    public ForwardGnnModel setEmbeddingCol(String v) { set(embeddingCol, v); return this; }
    public ForwardGnnModel setEdges(Dataset<?> e) { this.edges = e; return this; }

    /** The model in core's checkpoint format (what {@code save} writes as model.flck). */
    public Checkpoint checkpoint() { return checkpoint; }

    /** The configuration the model was trained with. */
    public SfConfig config() { return SfConfig.fromMap(ModelCodec.config(checkpoint)); }

    public int numClasses() { return Integer.parseInt(checkpoint.metadata().get("classes")); }

    public int numFeatures() { return Integer.parseInt(checkpoint.metadata().get("features")); }

    /** The training run (accuracies, per-layer reports, final rows) when this model came from fit; else null. */
    public SfRun summary() { return summary; }

    public boolean hasSummary() { return summary != null; }

    @Override
    public Dataset<Row> transform(Dataset<?> nodes) {
        if (edges == null) {
            throw new IllegalStateException("Expected an edge table: call transform(nodes, edges) or setEdges(edges) (got none; "
                    + "a loaded model does not keep the graph)");
        }
        return transform(nodes, edges);
    }

    /** Predictions and embeddings for every row of {@code nodes}, over the graph {@code (nodes, edges)}. */
    @SuppressWarnings("unchecked")
    public Dataset<Row> transform(Dataset<?> nodes, Dataset<?> edgeTable) {
        transformSchema(nodes.schema(), true);
        Dataset<Row> raw = (Dataset<Row>) nodes;
        GraphTables g = GraphValidator.validate(raw, (Dataset<Row>) edgeTable);
        if (g.numFeatures() != numFeatures()) {
            throw new GraphSchemaException("Expected " + numFeatures() + " features per node, as in training (got " + g.numFeatures() + ")");
        }
        if (g.numClasses() > numClasses()) {
            throw new GraphSchemaException("Expected labels below " + numClasses() + ", as in training (got label " + (g.numClasses() - 1) + ")");
        }
        GraphTables same = new GraphTables(g.nodes(), g.edges(), g.numFeatures(), numClasses());
        SparkSession spark = nodes.sparkSession();
        JavaRDD<Tuple2<Long, NodeRow>> rows = SfInference.forward(spark, same, config(), ModelCodec.layers(checkpoint),
                ModelCodec.prototypes(checkpoint));
        Dataset<Row> pred = RunOutputs.predictions(spark, rows).select(col("id").as("__fl_id"),
                col("prediction").as($(predictionCol)), col("embedding").as($(embeddingCol)));
        g.nodes().unpersist();
        g.edges().unpersist();
        Dataset<Row> out = raw.join(pred, raw.col(GraphTables.ID).cast(DataTypes.LongType).equalTo(pred.col("__fl_id")))
                .drop("__fl_id");
        return out;
    }

    /** Checks the node schema (no data read) and returns it with the two output columns added. */
    @Override
    public StructType transformSchema(StructType schema) { return outputSchema(schema, $(predictionCol), $(embeddingCol)); }

    static StructType outputSchema(StructType schema, String predictionCol, String embeddingCol) {
        SparkSession spark = SparkSession.active();
        GraphValidator.normaliseNodes(spark.createDataFrame(List.of(), schema));
        for (String c : new String[] {predictionCol, embeddingCol}) {
            if (Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new GraphSchemaException("Expected no column '" + c + "' in nodes, it is an output column (got columns "
                        + Arrays.toString(schema.fieldNames()) + ")");
            }
        }
        return schema.add(predictionCol, DataTypes.IntegerType, false)
                .add(embeddingCol, DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }

    @Override
    public ForwardGnnModel copy(ParamMap extra) {
        ForwardGnnModel m = new ForwardGnnModel(uid, checkpoint, edges, summary);
        return (ForwardGnnModel) copyValues(m, extra).setParent(parent());
    }

    @Override public MLWriter write() { return new MlIo.ParamsWriter(this, checkpoint); }

    public static MLReader<ForwardGnnModel> read() {
        return new MLReader<>() {
            @Override
            public ForwardGnnModel load(String path) {
                MlIo.Metadata md = MlIo.readMetadata(sparkSession(), path, ForwardGnnModel.class);
                ForwardGnnModel m = new ForwardGnnModel(md.uid(), MlIo.readCheckpoint(sparkSession(), path), null, null);
                md.applyTo(m);
                return m;
            }
        };
    }

    public static ForwardGnnModel load(String path) { return read().load(path); }
}
