package org.forwardlearn.spark.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.spark.input.GraphSchemaException;

/**
 * Graph-aware hyper-parameter selection, the graph counterpart of MLlib's {@code TrainValidationSplit}: MLlib's
 * tuners split the <em>rows</em>, which for a graph leaves edges to nodes that are gone and changes every
 * neighbourhood. Here every candidate is fitted on the whole graph (all nodes, all edges) with the labels of
 * every row outside the training and validation splits masked (set to null, i.e. unknown), and is scored
 * by {@code evaluator} on the rows of the validation split only; the best candidate (by the evaluator's
 * {@code isLargerBetter}) is the returned model's {@code bestModel} (it is not refitted: it was already fitted on
 * the whole graph). The estimator may be a {@code Pipeline} holding a {@link ForwardGnnEstimator} (its edges
 * set with {@code setEdges}); candidates come from {@code ParamGridBuilder}.
 *
 * <pre>{@code
 * ParamMap[] grid = new ParamGridBuilder().addGrid(gnn.hidden(), new int[] {32, 64}).addGrid(gnn.lr(), new double[] {1e-2, 3e-3}).build();
 * GraphTrainValidationSplitModel best = new GraphTrainValidationSplit().setEstimator(pipeline)
 *     .setEstimatorParamMaps(grid).setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).fit(nodes);
 * }</pre>
 * Not persistable itself (its best model is).
 */
public final class GraphTrainValidationSplit extends Estimator<GraphTrainValidationSplit.Fitted> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(GraphTrainValidationSplit.class);
    private final String uid;
    private final Param<String> labelCol, splitCol, trainSplit, validationSplit;
    private Estimator<?> estimator;
    private ParamMap[] estimatorParamMaps;
    private Evaluator evaluator;

    public GraphTrainValidationSplit() { this(Identifiable$.MODULE$.randomUID("graphTvs")); }

    public GraphTrainValidationSplit(String uid) {
        this.uid = uid;
        labelCol = new Param<>(this, "labelCol", "label column; masked to null outside the training and validation splits");
        splitCol = new Param<>(this, "splitCol", "split column of the nodes");
        trainSplit = new Param<>(this, "trainSplit", "split value of the training rows");
        validationSplit = new Param<>(this, "validationSplit", "split value of the rows the evaluator scores");
        setDefault(labelCol, "label");
        setDefault(splitCol, "split");
        setDefault(trainSplit, "train");
        setDefault(validationSplit, "val");
    }

    @Override public String uid() { return uid; }

    public Param<String> labelCol() { return labelCol; }
    public Param<String> splitCol() { return splitCol; }
    public Param<String> trainSplit() { return trainSplit; }
    public Param<String> validationSplit() { return validationSplit; }
    public GraphTrainValidationSplit setLabelCol(String v) { set(labelCol, v); return this; }
    public GraphTrainValidationSplit setSplitCol(String v) { set(splitCol, v); return this; }
    public GraphTrainValidationSplit setTrainSplit(String v) { set(trainSplit, v); return this; }
    public GraphTrainValidationSplit setValidationSplit(String v) { set(validationSplit, v); return this; }
    public GraphTrainValidationSplit setEstimator(Estimator<?> e) { this.estimator = e; return this; }
    public GraphTrainValidationSplit setEstimatorParamMaps(ParamMap[] m) { this.estimatorParamMaps = m.clone(); return this; }
    public GraphTrainValidationSplit setEvaluator(Evaluator e) { this.evaluator = e; return this; }
    public Estimator<?> getEstimator() { return estimator; }
    public ParamMap[] getEstimatorParamMaps() { return estimatorParamMaps.clone(); }
    public Evaluator getEvaluator() { return evaluator; }

    /** The node table as the candidates see it: labels outside the training and validation splits set to null. */
    public Dataset<Row> masked(Dataset<?> nodes) {
        String l = $(labelCol), s = $(splitCol);
        for (String c : new String[] {l, s}) {
            if (!Arrays.asList(nodes.columns()).contains(c)) {
                throw new GraphSchemaException("Expected column '" + c + "' in nodes (got columns " + Arrays.toString(nodes.columns()) + ")");
            }
        }
        return nodes.toDF().withColumn(l, when(col(s).isin($(trainSplit), $(validationSplit)), col(l))
                .otherwise(lit(null).cast(nodes.schema().apply(l).dataType())));
    }

    @Override
    public Fitted fit(Dataset<?> nodes) {
        if (estimator == null || evaluator == null || estimatorParamMaps == null || estimatorParamMaps.length == 0) {
            throw new IllegalStateException("Expected an estimator, an evaluator and at least one param map (got "
                    + (estimator == null ? "no estimator" : evaluator == null ? "no evaluator" : "no param maps") + ")");
        }
        transformSchema(nodes.schema(), true);
        Dataset<Row> train = masked(nodes).cache();
        double[] metrics = new double[estimatorParamMaps.length];
        Model<?> best = null;
        int bestIndex = -1;
        for (int i = 0; i < estimatorParamMaps.length; i++) {
            long t0 = System.nanoTime();
            Model<?> m = (Model<?>) estimator.fit(train, estimatorParamMaps[i]);
            Dataset<Row> val = m.transform(train).filter(col($(splitCol)).equalTo($(validationSplit)));
            metrics[i] = evaluator.evaluate(val);
            LOG.info("candidate {}/{}: validation {} = {} ({} s) for {}", i + 1, metrics.length, metricName(), String.format("%.4f", metrics[i]),
                    String.format("%.1f", (System.nanoTime() - t0) / 1e9), estimatorParamMaps[i].toString().replaceAll("\\s+", " "));
            boolean better = best == null || (evaluator.isLargerBetter() ? metrics[i] > metrics[bestIndex] : metrics[i] < metrics[bestIndex]);
            if (better) {
                best = m;
                bestIndex = i;
            }
        }
        train.unpersist();
        Fitted f = new Fitted(uid, best, metrics, bestIndex);
        copyValues(f, ParamMap.empty());
        return (Fitted) f.setParent(this);
    }

    private String metricName() {
        return evaluator.hasParam("metricName") ? String.valueOf(evaluator.getOrDefault(evaluator.getParam("metricName"))) : "metric";
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (estimator == null) throw new IllegalStateException("Expected an estimator (got none)");
        return estimator.transformSchema(schema);
    }

    @Override
    public GraphTrainValidationSplit copy(ParamMap extra) {
        GraphTrainValidationSplit c = defaultCopy(extra);
        c.estimator = estimator == null ? null : (Estimator<?>) estimator.copy(extra);
        c.estimatorParamMaps = estimatorParamMaps == null ? null : estimatorParamMaps.clone();
        c.evaluator = evaluator == null ? null : evaluator.copy(extra);
        return c;
    }

    /** The selected candidate ({@link #bestModel}) and every candidate's validation metric. */
    public static final class Fitted extends Model<Fitted> {
        private static final long serialVersionUID = 1L;
        private final String uid;
        private final Model<?> bestModel;
        private final double[] validationMetrics;
        private final int bestIndex;
        private final Param<String> labelCol, splitCol, trainSplit, validationSplit;

        Fitted(String uid, Model<?> bestModel, double[] validationMetrics, int bestIndex) {
            this.uid = uid;
            this.bestModel = bestModel;
            this.validationMetrics = validationMetrics.clone();
            this.bestIndex = bestIndex;
            labelCol = new Param<>(this, "labelCol", "label column");
            splitCol = new Param<>(this, "splitCol", "split column of the nodes");
            trainSplit = new Param<>(this, "trainSplit", "split value of the training rows");
            validationSplit = new Param<>(this, "validationSplit", "split value of the rows the evaluator scored");
        }

        @Override public String uid() { return uid; }
        public Param<String> labelCol() { return labelCol; }
        public Param<String> splitCol() { return splitCol; }
        public Param<String> trainSplit() { return trainSplit; }
        public Param<String> validationSplit() { return validationSplit; }
        public Model<?> bestModel() { return bestModel; }
        /** One metric per param map, in the order given. */
        public double[] validationMetrics() { return validationMetrics.clone(); }
        public int bestIndex() { return bestIndex; }

        @Override public Dataset<Row> transform(Dataset<?> nodes) { return bestModel.transform(nodes); }

        @Override public StructType transformSchema(StructType schema) { return bestModel.transformSchema(schema); }

        @Override
        public Fitted copy(ParamMap extra) {
            Fitted f = new Fitted(uid, (Model<?>) bestModel.copy(extra), validationMetrics, bestIndex);
            return (Fitted) copyValues(f, extra).setParent(parent());
        }
    }
}
