package org.forwardlearn.datasets.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.datasets.table.TableGraphReader;
import org.forwardlearn.datasets.table.TableOptions;

/**
 * User graph tables in Parquet: {@code nodes.parquet} (id, label int32, split string, f0..f(F-1) double) and
 * {@code edges.parquet} (src, dst). Ids are written as int64 when every id is a canonical decimal integer (what the
 * Spark job's validator requires), else as strings; they read back as the same strings. Snappy-compressed, written to a
 * temporary sibling and moved into place.
 */
public final class ParquetTables {
    public static final String NODES = "nodes.parquet", EDGES = "edges.parquet";

    private ParquetTables() {}

    /** Reads and validates with the datasets rules ({@link TableGraphReader}). */
    public static TableGraph read(Path nodes, Path edges, TableOptions options) {
        return TableGraphReader.read(ParquetTable.read(nodes), ParquetTable.read(edges), options);
    }

    /** Writes {@code dir/nodes.parquet} and {@code dir/edges.parquet}. */
    public static void write(TableGraph t, Path dir) {
        try {
            Files.createDirectories(dir);
            boolean longIds = t.ids().stream().allMatch(ParquetTables::canonicalLong);
            DMatrixRMaj x = t.graph().denseFeatures();
            Types.MessageTypeBuilder nb = Types.buildMessage();
            id(nb, "id", longIds);
            nb.required(PrimitiveTypeName.INT32).named("label");
            nb.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("split");
            for (int j = 0; j < x.numCols; j++) nb.required(PrimitiveTypeName.DOUBLE).named("f" + j);
            MessageType ns = nb.named("nodes");
            int[] y = t.graph().labels();
            List<String> ids = t.ids();
            atomically(dir.resolve(NODES), ns, (w, f) -> {
                for (int i = 0; i < x.numRows; i++) {
                    Group g = f.newGroup();
                    put(g, "id", ids.get(i), longIds);
                    g.add("label", y[i]);
                    g.add("split", t.splitName(i));
                    for (int j = 0; j < x.numCols; j++) g.add("f" + j, x.data[i * x.numCols + j]);
                    w.write(g);
                }
            });
            Types.MessageTypeBuilder eb = Types.buildMessage();
            id(eb, "src", longIds);
            id(eb, "dst", longIds);
            MessageType es = eb.named("edges");
            DMatrixSparseCSC a = t.graph().adjacency();
            atomically(dir.resolve(EDGES), es, (w, f) -> {
                for (int j = 0; j < a.numCols; j++) {
                    for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                        Group g = f.newGroup();
                        put(g, "src", ids.get(a.nz_rows[k]), longIds);
                        put(g, "dst", ids.get(j), longIds);
                        w.write(g);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + dir, e);
        }
    }

    static boolean canonicalLong(String s) {
        try {
            return Long.toString(Long.parseLong(s)).equals(s);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void id(Types.MessageTypeBuilder b, String name, boolean longIds) {
        if (longIds) b.required(PrimitiveTypeName.INT64).named(name);
        else b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static void put(Group g, String name, String id, boolean longIds) {
        if (longIds) g.add(name, Long.parseLong(id)); else g.add(name, id);
    }

    interface Rows { void write(ParquetWriter<Group> w, SimpleGroupFactory f) throws IOException; }

    private static void atomically(Path file, MessageType schema, Rows rows) throws IOException {
        org.forwardlearn.core.io.AtomicFiles.replace(file, tmp -> {
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                    .withConf(new PlainParquetConfiguration()).withType(schema)
                    .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                rows.write(w, new SimpleGroupFactory(schema));
            }
        });
    }
}
