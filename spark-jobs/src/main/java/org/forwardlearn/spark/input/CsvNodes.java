package org.forwardlearn.spark.input;

import static org.apache.spark.sql.functions.col;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The CSV node table ({@code id,label,split,f0,f1,...} with a header line; the columns id, label, split may
 * come in any order, every other column is a feature) read straight into {@code id, label, split, features}.
 *
 * <p>Why not Spark's CSV source: with 2,879 double columns (Cora_ML) its schema inference took 134 s, and even with an
 * explicit schema every query over the 2,882-column plan spends seconds in analysis and code generation plus tens of
 * seconds in per-field conversion (measured here: ~60 s per pass under load, against ~10 s for this reader). Each
 * line is split by univocity (the CSV parser Spark itself uses, quotes handled) and converted once into a dense ML
 * vector (stored by Spark as one primitive array, where an array&lt;double&gt; column costs a boxed value per
 * element on the way in); the schema is fixed by the header, so there is no inference pass.
 *
 * <p>Every row problem (wrong column count, empty or unparsable id/label/split/feature) is recorded in the row,
 * not thrown in a task (which a cluster would retry four times); one query then reports the first one on the
 * driver, before any training: "Expected a number in nodes column 'f17' (got an empty value) on line 43 (id 41)
 * of PATH".
 */
final class CsvNodes {
    private static final String PROBLEM = "__fl_problem";

    private CsvNodes() {}

    static StructType schema() {
        return new StructType().add(GraphTables.ID, DataTypes.LongType).add(GraphTables.LABEL, DataTypes.IntegerType)
                .add(GraphTables.SPLIT, DataTypes.StringType)
                .add(GraphTables.FEATURES, SQLDataTypes.VectorType())
                .add(PROBLEM, DataTypes.StringType);
    }

    static CsvParser parser() {
        CsvParserSettings st = new CsvParserSettings();
        st.setMaxColumns(1 << 22);
        st.setMaxCharsPerColumn(-1);
        st.setNullValue("");
        st.setEmptyValue("");
        return new CsvParser(st);
    }

    /** The parsed table (persisted; the caller unpersists it), after the check that no line has a problem. */
    static Dataset<Row> read(SparkSession spark, String path) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<String> text = jsc.textFile(path);
        List<String> first = text.take(1);
        if (first.isEmpty() || first.get(0).isBlank()) {
            throw new GraphSchemaException("Expected a header line id,label,split,f0,... in " + path + " (got an empty file)");
        }
        String header = first.get(0);
        String[] names = parser().parseLine(header);
        List<String> cols = Arrays.asList(names);
        int id = cols.indexOf(GraphTables.ID), label = cols.indexOf(GraphTables.LABEL), split = cols.indexOf(GraphTables.SPLIT);
        for (String c : new String[] {GraphTables.ID, GraphTables.LABEL, GraphTables.SPLIT}) {
            if (!cols.contains(c)) {
                throw new GraphSchemaException("Expected column '" + c + "' in nodes (got columns " + abbreviated(cols) + ")");
            }
        }
        int[] feat = new int[names.length - 3];
        for (int i = 0, k = 0; i < names.length; i++) if (i != id && i != label && i != split) feat[k++] = i;
        if (feat.length == 0) throw new GraphSchemaException("Expected feature columns in nodes after id,label,split (got columns " + cols + ")");
        // The good path parses once, without line numbers; only when a row has a problem is the file read again with
        // zipWithIndex (one more pass) to name its line.
        Dataset<Row> d = spark.createDataFrame(rows(text, false, header, names, id, label, split, feat), schema())
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (!firstProblem(d).isEmpty()) {
            d.unpersist();
            List<Row> bad = firstProblem(spark.createDataFrame(rows(text, true, header, names, id, label, split, feat), schema()));
            throw new GraphSchemaException(bad.get(0).getString(0) + " of " + path);
        }
        return d.drop(PROBLEM);
    }

    private static List<Row> firstProblem(Dataset<Row> d) {
        return d.filter(col(PROBLEM).isNotNull()).select(PROBLEM).limit(1).collectAsList();
    }

    private static JavaRDD<Row> rows(JavaRDD<String> text, boolean lines, String header, String[] names, int id, int label, int split,
                                     int[] feat) {
        JavaRDD<scala.Tuple2<String, Long>> numbered = lines ? text.zipWithIndex().rdd().toJavaRDD() : text.map(l -> new scala.Tuple2<>(l, -1L));
        return numbered.mapPartitions(it -> {
            CsvParser p = parser();
            List<Row> out = new ArrayList<>();
            while (it.hasNext()) {
                scala.Tuple2<String, Long> t = it.next();
                String line = t._1();
                if (line.isBlank() || line.equals(header)) continue;
                out.add(parse(p.parseLine(line), t._2() + 1, names, id, label, split, feat));
            }
            return out.iterator();
        });
    }

    /** One data line; a problem is returned in the row, never thrown. */
    static Row parse(String[] t, long line, String[] names, int id, int label, int split, int[] feat) {
        double[] x = new double[feat.length];
        if (t == null || t.length != names.length) {
            return problem("Expected " + names.length + " columns in nodes (got " + (t == null ? 0 : t.length) + ") on line " + line);
        }
        Long idv;
        try {
            idv = Long.parseLong(t[id].trim());
        } catch (RuntimeException e) {
            return problem("Expected an integer node id in nodes column 'id' (got " + shown(t[id]) + ") on line " + line);
        }
        String where = " on line " + line + " (id " + idv + ")";
        int lv;
        try {
            lv = Integer.parseInt(t[label].trim());
        } catch (RuntimeException e) {
            return problem("Expected an integer label in nodes column 'label', -1 = unknown (got " + shown(t[label]) + ")" + where);
        }
        if (t[split] == null || t[split].isBlank()) return problem("Expected a split in nodes column 'split' (got an empty value)" + where);
        for (int k = 0; k < feat.length; k++) {
            String v = t[feat[k]];
            try {
                x[k] = Double.parseDouble(v.trim());
            } catch (RuntimeException e) {
                return problem("Expected a number in nodes column '" + names[feat[k]] + "' (got " + shown(v) + ")" + where);
            }
        }
        return RowFactory.create(idv, lv, t[split], Vectors.dense(x), null);
    }

    private static Row problem(String message) { return RowFactory.create(null, null, null, null, message); }

    private static String shown(String v) {
        if (v == null || v.isBlank()) return "an empty value";
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'";
    }

    static String abbreviated(List<String> cols) {
        return cols.size() <= 8 ? cols.toString() : cols.subList(0, 8) + " ... (" + cols.size() + " columns)";
    }
}
