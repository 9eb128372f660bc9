package org.forwardlearn.spark.ml;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;

/**
 * MLlib-style entry point: {@code new ForwardGnnEstimator().setHidden(64).fit(nodes, edges)} trains ForwardGNN's
 * single-forward method layer by layer on the cluster (the same {@link DistributedSfTrainer} as the
 * spark-submit job) and returns a {@link ForwardGnnModel}. Tables follow the GraphFrames layout
 * ({@code nodes(id, label, split, features)}, {@code edges(src, dst)}); both are validated (schema first, then
 * content) before any training compute. {@link #fit(Dataset)} uses the edges given with {@link #setEdges}.
 * With {@code checkpointDir} set, state and checkpoint go there after every layer and a fit with the same
 * parameters and folder resumes after the last completed layer.
 */
public final class ForwardGnnEstimator extends Estimator<ForwardGnnModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private transient Dataset<?> edges;

    private final Param<String> conv;
    private final IntParam layers, hidden, epochs, patience, validateEvery, partitions;
    private final DoubleParam lr, weightDecay, tau;
    private final LongParam seed;
    private final Param<String> partitioner, checkpointDir, predictionCol, embeddingCol, datasetId;
    private final BooleanParam directed;

    public ForwardGnnEstimator() { this(Identifiable$.MODULE$.randomUID("forwardGnn")); }

    public ForwardGnnEstimator(String uid) {
        this.uid = uid;
        conv = new Param<>(this, "conv", "graph layer: gcn or sage", ParamValidators.inArray(List.of("gcn", "sage")));
        layers = new IntParam(this, "layers", "number of graph layers, each trained greedily (>= 1)");
        hidden = new IntParam(this, "hidden", "output width of every layer (>= 1)");
        epochs = new IntParam(this, "epochs", "maximum epochs per layer");
        patience = new IntParam(this, "patience", "early-stopping patience in epochs (0 = none)");
        validateEvery = new IntParam(this, "validateEvery", "validate every k epochs");
        partitions = new IntParam(this, "partitions", "number of node partitions (>= 1)");
        lr = new DoubleParam(this, "lr", "Adam learning rate");
        weightDecay = new DoubleParam(this, "weightDecay", "Adam weight decay");
        tau = new DoubleParam(this, "tau", "temperature of the prototype softmax");
        seed = new LongParam(this, "seed", "random seed (weights, virtual node features, partition hash)");
        partitioner = new Param<>(this, "partitioner", "hash or ldg", ParamValidators.inArray(List.of("hash", "ldg")));
        checkpointDir = new Param<>(this, "checkpointDir", "Hadoop folder for per-layer state and checkpoint; empty = in memory");
        predictionCol = new Param<>(this, "predictionCol", "output column of the predicted class");
        embeddingCol = new Param<>(this, "embeddingCol", "output column of the last layer's normalised embedding");
        datasetId = new Param<>(this, "datasetId", "dataset name recorded in the provenance");
        directed = new BooleanParam(this, "directed", "keep edges directed (default: symmetrise)");
        SfConfig d = SfConfig.defaults();
        TrainerConfig t = d.trainer();
        setDefault(conv, d.conv());
        setDefault(layers, (Object) d.layers());
        setDefault(hidden, (Object) d.hidden());
        setDefault(epochs, (Object) t.maxEpochs());
        setDefault(patience, (Object) t.patience());
        setDefault(validateEvery, (Object) t.validateEvery());
        setDefault(partitions, (Object) d.partitions());
        setDefault(lr, (Object) t.optimizer().lr());
        setDefault(weightDecay, (Object) t.optimizer().weightDecay());
        setDefault(tau, (Object) d.tau());
        setDefault(seed, (Object) t.seed());
        setDefault(partitioner, d.partitioner());
        setDefault(checkpointDir, "");
        setDefault(predictionCol, "prediction");
        setDefault(embeddingCol, "embedding");
        setDefault(datasetId, "");
        setDefault(directed, (Object) false);
    }

    @Override public String uid() { return uid; }

    // Param accessors (Spark discovers params through public no-argument methods returning a Param).
    public Param<String> conv() { return conv; }
    public IntParam layers() { return layers; }
    public IntParam hidden() { return hidden; }
    public IntParam epochs() { return epochs; }
    public IntParam patience() { return patience; }
    public IntParam validateEvery() { return validateEvery; }
    public IntParam partitions() { return partitions; }
    public DoubleParam lr() { return lr; }
    public DoubleParam weightDecay() { return weightDecay; }
    public DoubleParam tau() { return tau; }
    public LongParam seed() { return seed; }
    public Param<String> partitioner() { return partitioner; }
    public Param<String> checkpointDir() { return checkpointDir; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> embeddingCol() { return embeddingCol; }
    public Param<String> datasetId() { return datasetId; }
    public BooleanParam directed() { return directed; }

    public ForwardGnnEstimator setConv(String v) { set(conv, v); return this; }
    public ForwardGnnEstimator setLayers(int v) { set(layers, (Object) v); return this; }
    public ForwardGnnEstimator setHidden(int v) { set(hidden, (Object) v); return this; }
    public ForwardGnnEstimator setEpochs(int v) { set(epochs, (Object) v); return this; }
    public ForwardGnnEstimator setPatience(int v) { set(patience, (Object) v); return this; }
    public ForwardGnnEstimator setValidateEvery(int v) { set(validateEvery, (Object) v); return this; }
    public ForwardGnnEstimator setPartitions(int v) { set(partitions, (Object) v); return this; }
    public ForwardGnnEstimator setLr(double v) { set(lr, (Object) v); return this; }
    public ForwardGnnEstimator setWeightDecay(double v) { set(weightDecay, (Object) v); return this; }
    public ForwardGnnEstimator setTau(double v) { set(tau, (Object) v); return this; }
    public ForwardGnnEstimator setSeed(long v) { set(seed, (Object) v); return this; }
    public ForwardGnnEstimator setPartitioner(String v) { set(partitioner, v); return this; }
    public ForwardGnnEstimator setCheckpointDir(String v) { set(checkpointDir, v); return this; }
    public ForwardGnnEstimator setPredictionCol(String v) { set(predictionCol, v); return this; }
    public ForwardGnnEstimator setEmbeddingCol(String v) { set(embeddingCol, v); return this; }
    public ForwardGnnEstimator setDatasetId(String v) { set(datasetId, v); return this; }
    public ForwardGnnEstimator setDirected(boolean v) { set(directed, (Object) v); return this; }
    /** The edge table used by {@link #fit(Dataset)} (not a Param: it is data, and not persisted). */
    public ForwardGnnEstimator setEdges(Dataset<?> e) { this.edges = e; return this; }

    /** The run's configuration from the current params. */
    public SfConfig config() {
        TrainerConfig t = TrainerConfig.defaults().withMaxEpochs(i(epochs)).withPatience(i(patience))
                .withValidateEvery(i(validateEvery)).withSeed((Long) $(seed))
                .withOptimizer(OptimizerConfig.adam((Double) $(lr), (Double) $(weightDecay)));
        return new SfConfig($(conv), i(layers), i(hidden), (Double) $(tau), i(partitions), $(partitioner),
                !(Boolean) $(directed), t);
    }

    private int i(IntParam p) { return (Integer) $(p); }

    /** Validates both tables, trains, and returns the model (with the training run as its summary). */
    @SuppressWarnings("unchecked")
    public ForwardGnnModel fit(Dataset<?> nodes, Dataset<?> edgeTable) {
        transformSchema(nodes.schema(), true);
        GraphValidator.normaliseEdges((Dataset<Row>) edgeTable);
        SfConfig cfg = config();
        SparkSession spark = nodes.sparkSession();
        GraphTables g = GraphValidator.validate((Dataset<Row>) nodes, (Dataset<Row>) edgeTable);
        String dir = $(checkpointDir);
        SfRun run = DistributedSfTrainer.fit(spark, g, cfg, dir.isEmpty() ? null : dir, $(datasetId), null);
        ForwardGnnModel m = new ForwardGnnModel(uid, ForwardGnnModel.checkpointOf(run), edgeTable, run);
        copyValues(m, ParamMap.empty());
        return (ForwardGnnModel) m.setParent(this);
    }

    @Override
    public ForwardGnnModel fit(Dataset<?> nodes) {
        if (edges == null) {
            throw new IllegalStateException("Expected an edge table: call fit(nodes, edges) or setEdges(edges) first (got none)");
        }
        return fit(nodes, edges);
    }

    /** Checks the node schema (no data read) and returns it with the prediction and embedding columns added. */
    @Override
    public StructType transformSchema(StructType schema) {
        return ForwardGnnModel.outputSchema(schema, $(predictionCol), $(embeddingCol));
    }

    @Override
    public ForwardGnnEstimator copy(ParamMap extra) {
        ForwardGnnEstimator e = defaultCopy(extra);
        e.edges = edges;
        return e;
    }

    @Override public MLWriter write() { return new MlIo.ParamsWriter(this, null); }


    public static MLReader<ForwardGnnEstimator> read() {
        return new MLReader<>() {
            @Override
            public ForwardGnnEstimator load(String path) {
                MlIo.Metadata md = MlIo.readMetadata(sparkSession(), path, ForwardGnnEstimator.class);
                ForwardGnnEstimator e = new ForwardGnnEstimator(md.uid());
                md.applyTo(e);
                return e;
            }
        };
    }

    public static ForwardGnnEstimator load(String path) { return read().load(path); }
}
