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
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.spark.input.GraphReader;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;

/**
 * MLlib-style entry point: {@code new ForwardGnnEstimator().setHidden(64).setEdges(edges)} is a pipeline stage
 * that trains ForwardGNN's single-forward method layer by layer on the cluster (the same
 * {@link DistributedSfTrainer} as the spark-submit job) and returns a {@link ForwardGnnModel}.
 *
 * <p>Columns follow MLlib's conventions and are Params with defaults: nodes carry {@code idCol} (integral),
 * {@code labelCol} (integer-valued, any numeric type; -1 or null = unknown), {@code splitCol}
 * (train|val|test|other: training uses the labels of {@code train} rows only, early stopping the {@code val}
 * rows) and {@code featuresCol} (an ML Vector, e.g. VectorAssembler's output, or array&lt;double&gt;); edges
 * carry {@code srcCol}/{@code dstCol}. The model adds {@code predictionCol} (double), {@code probabilityCol}
 * and {@code rawPredictionCol} (ML vectors; "" = not produced) and {@code embeddingCol} (array&lt;double&gt;;
 * "" = not produced). Both tables are validated (schema first, then content) before any training compute.
 * The edge table is data, not a Param: give it with {@link #setEdges} (or {@link #fit(Dataset, Dataset)}).
 * With {@code checkpointDir} set, state and checkpoint go there after every layer and a fit with the same
 * parameters and folder resumes after the last completed layer.
 *
 * <p>Persistence is Spark's DefaultParamsWriter/Reader layout ({@code PATH/metadata/}), so the estimator can sit
 * in a saved {@code Pipeline}; the edges are not saved with the estimator.
 */
public final class ForwardGnnEstimator extends Estimator<ForwardGnnModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    static final String ID_DOC = "integral, in [0, 2^40 - 2^16 - 1], unique";
    private final String uid;
    private transient Dataset<?> edges;
    private transient TrainingListener listener;

    private final Param<String> conv;
    private final IntParam layers, hidden, epochs, patience, validateEvery, partitions;
    private final DoubleParam lr, weightDecay, tau;
    private final LongParam seed;
    private final Param<String> partitioner, checkpointDir, datasetId;
    private final BooleanParam directed, saveEdges;
    private final Param<String> featuresCol, labelCol, idCol, splitCol, srcCol, dstCol;
    private final Param<String> predictionCol, probabilityCol, rawPredictionCol, embeddingCol;

    public ForwardGnnEstimator() { this(Identifiable$.MODULE$.randomUID("forwardGnn")); }

    public ForwardGnnEstimator(String uid) {
        this.uid = uid;
        conv = new Param<>(this, "conv", "graph layer: gcn, sage or gat", ParamValidators.inArray(List.of("gcn", "sage", "gat")));
        layers = new IntParam(this, "layers", "number of graph layers, each trained greedily (>= 1)", ParamValidators.gtEq(1));
        hidden = new IntParam(this, "hidden", "output width of every layer (>= 1)", ParamValidators.gtEq(1));
        epochs = new IntParam(this, "epochs", "maximum epochs per layer (>= 1)", ParamValidators.gtEq(1));
        patience = new IntParam(this, "patience", "early-stopping patience in epochs (0 = none)", ParamValidators.gtEq(0));
        validateEvery = new IntParam(this, "validateEvery", "validate every k epochs (>= 1)", ParamValidators.gtEq(1));
        partitions = new IntParam(this, "partitions", "number of node partitions (>= 1)", ParamValidators.gtEq(1));
        lr = new DoubleParam(this, "lr", "Adam learning rate (> 0)", ParamValidators.gt(0));
        weightDecay = new DoubleParam(this, "weightDecay", "Adam weight decay (>= 0)", ParamValidators.gtEq(0));
        tau = new DoubleParam(this, "tau", "temperature of the prototype softmax (> 0)", ParamValidators.gt(0));
        seed = new LongParam(this, "seed", "random seed (weights, virtual node features, partition hash)");
        partitioner = new Param<>(this, "partitioner", "hash or ldg", ParamValidators.inArray(List.of("hash", "ldg")));
        checkpointDir = new Param<>(this, "checkpointDir", "Hadoop folder for per-layer state and checkpoint; empty = in memory");
        datasetId = new Param<>(this, "datasetId", "dataset name recorded in the provenance");
        directed = new BooleanParam(this, "directed", "keep edges directed (default: symmetrise)");
        saveEdges = new BooleanParam(this, "saveEdges", "the model saves its edge table (PATH/data/edges, Parquet) so that a "
                + "loaded model (or PipelineModel) transforms without setEdges");
        featuresCol = new Param<>(this, "featuresCol", "features column of the nodes: ML Vector or array<double>");
        labelCol = new Param<>(this, "labelCol", "label column of the nodes: integer-valued number, -1 or null = unknown");
        idCol = new Param<>(this, "idCol", "node id column: " + ID_DOC);
        splitCol = new Param<>(this, "splitCol", "split column of the nodes: train|val|test|other");
        srcCol = new Param<>(this, "srcCol", "source node id column of the edges");
        dstCol = new Param<>(this, "dstCol", "target node id column of the edges");
        predictionCol = new Param<>(this, "predictionCol", "output column of the predicted class (double)");
        probabilityCol = new Param<>(this, "probabilityCol", "output column of the class probabilities (Vector; \"\" = none): "
                + "the class distributions summed over layers, normalised");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "output column of the class scores (Vector; \"\" = none): "
                + "the class distributions summed over layers");
        embeddingCol = new Param<>(this, "embeddingCol", "output column of the last layer's normalised embedding "
                + "(array<double>; \"\" = none)");
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
        setDefault(datasetId, "");
        setDefault(directed, (Object) false);
        setDefault(saveEdges, (Object) true);
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(idCol, "id");
        setDefault(splitCol, "split");
        setDefault(srcCol, "src");
        setDefault(dstCol, "dst");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(embeddingCol, "embedding");
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
    public Param<String> datasetId() { return datasetId; }
    public BooleanParam directed() { return directed; }
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
    public ForwardGnnEstimator setDatasetId(String v) { set(datasetId, v); return this; }
    public ForwardGnnEstimator setDirected(boolean v) { set(directed, (Object) v); return this; }
    public ForwardGnnEstimator setSaveEdges(boolean v) { set(saveEdges, (Object) v); return this; }
    public ForwardGnnEstimator setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public ForwardGnnEstimator setLabelCol(String v) { set(labelCol, v); return this; }
    public ForwardGnnEstimator setIdCol(String v) { set(idCol, v); return this; }
    public ForwardGnnEstimator setSplitCol(String v) { set(splitCol, v); return this; }
    public ForwardGnnEstimator setSrcCol(String v) { set(srcCol, v); return this; }
    public ForwardGnnEstimator setDstCol(String v) { set(dstCol, v); return this; }
    public ForwardGnnEstimator setPredictionCol(String v) { set(predictionCol, v); return this; }
    public ForwardGnnEstimator setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public ForwardGnnEstimator setRawPredictionCol(String v) { set(rawPredictionCol, v); return this; }
    public ForwardGnnEstimator setEmbeddingCol(String v) { set(embeddingCol, v); return this; }
    /** The edge table used by {@link #fit(Dataset)} (not a Param: it is data; kept by {@link #copy}, not persisted). */
    public ForwardGnnEstimator setEdges(Dataset<?> e) { this.edges = e; return this; }
    public Dataset<?> getEdges() { return edges; }
    /** Progress of every fit (layer, epoch, loss, validation metric); not a Param, not persisted. */
    public ForwardGnnEstimator setListener(TrainingListener l) { this.listener = l; return this; }

    /** The run's configuration from the current params. */
    public SfConfig config() {
        TrainerConfig t = TrainerConfig.defaults().withMaxEpochs(i(epochs)).withPatience(i(patience))
                .withValidateEvery(i(validateEvery)).withSeed((Long) $(seed))
                .withOptimizer(OptimizerConfig.adam((Double) $(lr), (Double) $(weightDecay)));
        return new SfConfig($(conv), i(layers), i(hidden), (Double) $(tau), i(partitions), $(partitioner),
                !(Boolean) $(directed), t);
    }

    private int i(IntParam p) { return (Integer) $(p); }

    GnnColumns.In in() { return new GnnColumns.In($(idCol), $(labelCol), $(splitCol), $(featuresCol), $(srcCol), $(dstCol)); }

    GnnColumns.Out out() { return new GnnColumns.Out($(predictionCol), $(probabilityCol), $(rawPredictionCol), $(embeddingCol)); }

    /** Validates both tables, trains, and returns the model (with the training run as its summary). */
    public ForwardGnnModel fit(Dataset<?> nodes, Dataset<?> edgeTable) {
        transformSchema(nodes.schema(), true);
        Dataset<Row> e = GnnColumns.graphEdges(edgeTable, in());
        GraphValidator.normaliseEdges(e);
        SfConfig cfg = config();
        SparkSession spark = nodes.sparkSession();
        GraphTables g;
        try (GraphReader.Detached n = GraphReader.detach(GnnColumns.graphNodes(nodes, in()))) {
            g = GraphValidator.validate(n.table(), e);
        }
        String dir = $(checkpointDir);
        SfRun run = DistributedSfTrainer.fit(spark, g, cfg, dir.isEmpty() ? null : dir, $(datasetId), listener);
        g.nodes().unpersist();
        ForwardGnnModel m = new ForwardGnnModel(uid, ForwardGnnModel.checkpointOf(run), g.edges(), run);
        copyValues(m, ParamMap.empty());
        return (ForwardGnnModel) m.setParent(this);
    }

    @Override
    public ForwardGnnModel fit(Dataset<?> nodes) {
        if (edges == null) {
            throw new IllegalStateException("Expected an edge table: call setEdges(edges) or fit(nodes, edges) first (got none)");
        }
        return fit(nodes, edges);
    }

    /** Checks the node schema (no data read) and returns it with the output columns added. */
    @Override
    public StructType transformSchema(StructType schema) { return GnnColumns.outputSchema(schema, in(), out()); }

    @Override
    public ForwardGnnEstimator copy(ParamMap extra) {
        ForwardGnnEstimator e = defaultCopy(extra);
        e.edges = edges;
        e.listener = listener;
        return e;
    }

    @Override public MLWriter write() { return new MlIo.ParamsWriter(this, null, null); }

    public static MLReader<ForwardGnnEstimator> read() {
        return new MLReader<>() {
            @Override
            public ForwardGnnEstimator load(String path) {
                return MlIo.readParams(sparkSession(), path, ForwardGnnEstimator.class, ForwardGnnEstimator::new).instance();
            }
        };
    }

    public static ForwardGnnEstimator load(String path) { return read().load(path); }
}
