package org.forwardlearn.spark.ml;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.spark.input.GraphSchemaException;
import org.forwardlearn.spark.input.GraphReader;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.forwardlearn.spark.train.ModelCodec;
import org.forwardlearn.spark.train.NodeRow;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfInference;
import org.forwardlearn.spark.train.SfRun;
import scala.Tuple2;

/**
 * A trained ForwardGNN single-forward model (all layers, prototypes and the virtual-node features, held as
 * core's {@link Checkpoint}). {@link #transform} needs the graph's edges (GNN inference aggregates over
 * neighbours): those given at fit time (saved with the model when {@code saveEdges}), or {@link #setEdges} /
 * {@link #transform(Dataset, Dataset)}. It adds, to every node row, {@code predictionCol} (double, argmax of the
 * class distributions summed over layers), {@code rawPredictionCol} (Vector, those sums),
 * {@code probabilityCol} (Vector, the sums normalised to 1) and {@code embeddingCol} (array&lt;double&gt;, the
 * last layer's row-normalised output); the last three are skipped when their column param is "".
 */
public final class ForwardGnnModel extends Model<ForwardGnnModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The estimator whose column params (names, docs, defaults) the model shares. */
    private static final ForwardGnnEstimator DEFAULTS = new ForwardGnnEstimator("defaults");
    private final String uid;
    private final Checkpoint checkpoint;
    /** The edge table; {@code edgesNormalised} = already renamed to src, dst (from fit or a saved model). */
    private transient Dataset<?> edges;
    private transient boolean edgesNormalised;
    private final transient SfRun summary;
    private final BooleanParam saveEdges;
    private final Param<String> featuresCol, labelCol, idCol, splitCol, srcCol, dstCol;
    private final Param<String> predictionCol, probabilityCol, rawPredictionCol, embeddingCol;

    ForwardGnnModel(String uid, Checkpoint checkpoint, Dataset<Row> normalisedEdges, SfRun summary) {
        this.uid = uid;
        this.checkpoint = checkpoint;
        this.edges = normalisedEdges;
        this.edgesNormalised = true;
        this.summary = summary;
        // The same names, docs and defaults as the estimator's (copyValues copies them by name).
        ForwardGnnEstimator d = DEFAULTS;
        saveEdges = new BooleanParam(this, "saveEdges", d.saveEdges().doc());
        featuresCol = str(d.featuresCol());
        labelCol = str(d.labelCol());
        idCol = str(d.idCol());
        splitCol = str(d.splitCol());
        srcCol = str(d.srcCol());
        dstCol = str(d.dstCol());
        predictionCol = str(d.predictionCol());
        probabilityCol = str(d.probabilityCol());
        rawPredictionCol = str(d.rawPredictionCol());
        embeddingCol = str(d.embeddingCol());
        setDefault(saveEdges, d.getOrDefault(d.saveEdges()));
    }

    /** A param of this model with the name, doc and default of the estimator's {@code like}. */
    private Param<String> str(Param<String> like) {
        Param<String> p = new Param<>(this, like.name(), like.doc());
        setDefault(p, DEFAULTS.getOrDefault(like));
        return p;
    }

    static Checkpoint checkpointOf(SfRun run) {
        return ModelCodec.encode(run.config(), run.training().provenance().toStrings(), run.layers(), run.prototypes(),
                run.virtualFeatures(), run.config().layers());
    }

    @Override public String uid() { return uid; }

    public BooleanParam saveEdges() { return saveEdges; }
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> idCol() { return idCol; }
    public Param<String> splitCol() { return splitCol; }
    public Param<String> srcCol() { return srcCol; }
    public Param<String> dstCol() { return dstCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }
    public Param<String> embeddingCol() { return embeddingCol; }

    public ForwardGnnModel setSaveEdges(boolean v) { set(saveEdges, (Object) v); return this; }
    public ForwardGnnModel setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public ForwardGnnModel setLabelCol(String v) { set(labelCol, v); return this; }
    public ForwardGnnModel setIdCol(String v) { set(idCol, v); return this; }
    public ForwardGnnModel setSplitCol(String v) { set(splitCol, v); return this; }
    public ForwardGnnModel setSrcCol(String v) { set(srcCol, v); return this; }
    public ForwardGnnModel setDstCol(String v) { set(dstCol, v); return this; }
    public ForwardGnnModel setPredictionCol(String v) { set(predictionCol, v); return this; }
    public ForwardGnnModel setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public ForwardGnnModel setRawPredictionCol(String v) { set(rawPredictionCol, v); return this; }
    public ForwardGnnModel setEmbeddingCol(String v) { set(embeddingCol, v); return this; }

    /** The edge table for {@link #transform(Dataset)}, with columns named by {@code srcCol}/{@code dstCol}. */
    public ForwardGnnModel setEdges(Dataset<?> e) {
        this.edges = e;
        this.edgesNormalised = false;
        return this;
    }

    public boolean hasEdges() { return edges != null; }

    /** The model in core's checkpoint format (what {@code save} writes as data/model.flck). */
    public Checkpoint checkpoint() { return checkpoint; }

    /** The configuration the model was trained with. */
    public SfConfig config() { return SfConfig.fromMap(ModelCodec.config(checkpoint)); }

    public int numClasses() { return Integer.parseInt(checkpoint.metadata().get("classes")); }

    public int numFeatures() { return Integer.parseInt(checkpoint.metadata().get("features")); }

    /** The training run (accuracies, per-layer reports, final rows) when this model came from fit; else null. */
    public SfRun summary() { return summary; }

    public boolean hasSummary() { return summary != null; }

    GnnColumns.In in() { return new GnnColumns.In($(idCol), $(labelCol), $(splitCol), $(featuresCol), $(srcCol), $(dstCol)); }

    GnnColumns.Out out() { return new GnnColumns.Out($(predictionCol), $(probabilityCol), $(rawPredictionCol), $(embeddingCol)); }

    private Dataset<Row> normalisedEdges() {
        if (edges == null) return null;
        return edgesNormalised ? GnnColumns.graphEdges(edges, new GnnColumns.In("", "", "", "", GraphTables.SRC, GraphTables.DST))
                : GnnColumns.graphEdges(edges, in());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> nodes) {
        if (edges == null) {
            throw new IllegalStateException("Expected an edge table: call transform(nodes, edges) or setEdges(edges) (got none; "
                    + "the model was saved with saveEdges=false)");
        }
        return transform(nodes, normalisedEdges(), true);
    }

    /** Predictions for every row of {@code nodes}, over the graph {@code (nodes, edges)} (edges named by srcCol/dstCol). */
    public Dataset<Row> transform(Dataset<?> nodes, Dataset<?> edgeTable) {
        return transform(nodes, GnnColumns.graphEdges(edgeTable, in()), true);
    }

    @SuppressWarnings("unchecked")
    private Dataset<Row> transform(Dataset<?> nodes, Dataset<Row> normEdges, boolean check) {
        if (check) transformSchema(nodes.schema(), true);
        Dataset<Row> raw = (Dataset<Row>) nodes;
        GraphTables g;
        try (GraphReader.Detached n = GraphReader.detach(GnnColumns.graphNodes(raw, in()))) {
            g = GraphValidator.validate(n.table(), normEdges);
        }
        if (g.numFeatures() != numFeatures()) {
            throw new GraphSchemaException("Expected " + numFeatures() + " features per node, as in training (got " + g.numFeatures() + ")");
        }
        if (g.numClasses() > numClasses()) {
            throw new GraphSchemaException("Expected labels below " + numClasses() + ", as in training (got label " + (g.numClasses() - 1) + ")");
        }
        GraphTables same = new GraphTables(g.nodes(), g.edges(), g.numFeatures(), numClasses());
        SparkSession spark = nodes.sparkSession();
        JavaRDD<Tuple2<Long, NodeRow>> rows = SfInference.forward(spark, same, config(), ModelCodec.layers(checkpoint),
                ModelCodec.prototypes(checkpoint), ModelCodec.virtualFeatures(checkpoint));
        Dataset<Row> pred = outputs(spark, rows);
        g.nodes().unpersist();
        g.edges().unpersist();
        GnnColumns.Out o = out();
        List<Column> sel = new ArrayList<>();
        sel.add(col("__fl_id"));
        sel.add(col("prediction").as(o.prediction()));
        if (!o.probability().isEmpty()) sel.add(col("probability").as(o.probability()));
        if (!o.rawPrediction().isEmpty()) sel.add(col("rawPrediction").as(o.rawPrediction()));
        if (!o.embedding().isEmpty()) sel.add(col("embedding").as(o.embedding()));
        pred = pred.select(sel.toArray(new Column[0]));
        return raw.join(pred, raw.col($(idCol)).cast(DataTypes.LongType).equalTo(pred.col("__fl_id"))).drop("__fl_id");
    }

    /** One row per real node: __fl_id, prediction (double), probability, rawPrediction (vectors), embedding. */
    static Dataset<Row> outputs(SparkSession spark, JavaRDD<Tuple2<Long, NodeRow>> rows) {
        JavaRDD<Row> r = rows.filter(t -> t._2().split() != NodeRow.VIRTUAL).map(t -> {
            double[] cum = t._2().cum();
            double sum = 0;
            for (double v : cum) sum += v;
            double[] p = new double[cum.length];
            for (int k = 0; k < p.length; k++) p[k] = sum > 0 ? cum[k] / sum : 1.0 / p.length;
            return RowFactory.create(t._1(), (double) NodeRow.argMax(cum, 0, cum.length), Vectors.dense(p),
                    Vectors.dense(cum.clone()), t._2().x());
        });
        StructType s = new StructType().add("__fl_id", DataTypes.LongType, false).add("prediction", DataTypes.DoubleType, false)
                .add("probability", SQLDataTypes.VectorType(), false).add("rawPrediction", SQLDataTypes.VectorType(), false)
                .add("embedding", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        return spark.createDataFrame(r, s);
    }

    /** Checks the node schema (no data read) and returns it with the output columns added. */
    @Override
    public StructType transformSchema(StructType schema) { return GnnColumns.outputSchema(schema, in(), out()); }

    @Override
    public ForwardGnnModel copy(ParamMap extra) {
        ForwardGnnModel m = new ForwardGnnModel(uid, checkpoint, null, summary);
        m.edges = edges;
        m.edgesNormalised = edgesNormalised;
        return (ForwardGnnModel) copyValues(m, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new MlIo.ParamsWriter(this, checkpoint, (Boolean) $(saveEdges) ? normalisedEdges() : null);
    }

    public static MLReader<ForwardGnnModel> read() {
        return new MLReader<>() {
            @Override
            public ForwardGnnModel load(String path) {
                SparkSession s = sparkSession();
                Checkpoint ck = MlIo.readCheckpoint(s, path);
                return MlIo.readParams(s, path, ForwardGnnModel.class, uid -> new ForwardGnnModel(uid, ck, MlIo.readEdges(s, path), null))
                        .instance();
            }
        };
    }

    public static ForwardGnnModel load(String path) { return read().load(path); }
}
