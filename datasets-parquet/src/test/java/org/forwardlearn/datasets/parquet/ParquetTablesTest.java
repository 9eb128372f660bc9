package org.forwardlearn.datasets.parquet;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.table.TableCsv;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.datasets.table.TableGraphReader;
import org.forwardlearn.datasets.table.TableOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV <-> Parquet round trips (integer and string ids), the Spark array layout, and Parquet-specific bad input. */
class ParquetTablesTest {
    @TempDir Path dir;

    static final String NODES = "id,label,split,a,b\n"
            + "17,0,train,1,0.5\n" + "900001,1,train,0,-2.25\n" + "3,1,val,3,1\n" + "8,,test,1,1e-3\n" + "12,0,other,2,2\n";
    static final String EDGES = "src,dst\n17,900001\n900001,3\n3,3\n8,12\n17,900001\n";

    TableGraph csv(String nodes, String edges) throws Exception {
        return TableGraphReader.readCsv(Files.writeString(dir.resolve("n.csv"), nodes), Files.writeString(dir.resolve("e.csv"), edges),
                TableOptions.defaults());
    }

    static void assertSame(TableGraph a, TableGraph b) {
        assertEquals(a.ids(), b.ids());
        assertArrayEquals(a.splitCode(), b.splitCode());
        assertArrayEquals(a.graph().labels(), b.graph().labels());
        assertArrayEquals(a.graph().denseFeatures().data, b.graph().denseFeatures().data, 0.0);
        assertArrayEquals(a.graph().adjacency().col_idx, b.graph().adjacency().col_idx);
        assertArrayEquals(a.graph().adjacency().nz_rows, b.graph().adjacency().nz_rows);
    }

    @Test
    void csvToParquetToCsvWithIntegerAndStringIds() throws Exception {
        for (String[] t : new String[][] {{NODES, EDGES}, {NODES.replace("17", "a17").replace("\n3,", "\nnode 3,"),
                EDGES.replace("17", "a17").replace("\n3,3", "\nnode 3,node 3").replace(",3\n", ",node 3\n")}}) {
            TableGraph a = csv(t[0], t[1]);
            Path p = dir.resolve("pq");
            ParquetTables.write(a, p);
            TableGraph b = ParquetTables.read(p.resolve(ParquetTables.NODES), p.resolve(ParquetTables.EDGES), TableOptions.defaults());
            assertSame(a, b);
            Path c = dir.resolve("csv");
            TableCsv.write(b, c);
            assertSame(a, TableGraphReader.readCsv(c.resolve(TableCsv.NODES), c.resolve(TableCsv.EDGES), TableOptions.defaults()));
            try (var s = Files.list(p)) { assertEquals(2, s.count(), "no temporary file left"); }
        }
        assertEquals("900001", csv(NODES, EDGES).ids().get(1));
    }

    /** The Spark job's layout: features as one list<double> column, int64 ids (as GraphConversion writes). */
    @Test
    void sparkArrayLayout() throws Exception {
        MessageType s = Types.buildMessage().required(PrimitiveTypeName.INT64).named("id").optional(PrimitiveTypeName.INT32).named("label")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("split")
                .optionalList().optionalElement(PrimitiveTypeName.DOUBLE).named("features").named("spark_schema");
        Path f = dir.resolve("nodes.parquet");
        write(f, s, new Object[][] {{5L, 0, "train", new double[] {1, 2}}, {6L, 1, "test", new double[] {3, 4}}});
        MessageType es = Types.buildMessage().required(PrimitiveTypeName.INT64).named("src").required(PrimitiveTypeName.INT64).named("dst").named("e");
        Path e = dir.resolve("edges.parquet");
        write(e, es, new Object[][] {{5L, 6L}});
        TableGraph g = ParquetTables.read(f, e, TableOptions.defaults());
        assertEquals(List.of("5", "6"), g.ids());
        assertArrayEquals(new double[] {1, 2, 3, 4}, g.graph().denseFeatures().data, 0.0);
        write(f, s, new Object[][] {{5L, 0, "train", new double[] {1, 2}}, {6L, 1, "test", new double[] {3}}});
        String m = assertThrows(DatasetFormatException.class, () -> ParquetTables.read(f, e, TableOptions.defaults())).getMessage();
        assertTrue(m.endsWith("nodes.parquet (row 2): Expected 2 features as in row 1 (got 1 features)"), m);
    }

    @Test
    void parquetWrongTypesAndMissingValues() throws Exception {
        MessageType s = Types.buildMessage().required(PrimitiveTypeName.INT64).named("id")
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("label")
                .required(PrimitiveTypeName.DOUBLE).named("x").named("n");
        Path f = dir.resolve("nodes.parquet");
        write(f, s, new Object[][] {{1L, "a", 1.0}});
        Path e = dir.resolve("edges.parquet");
        write(e, Types.buildMessage().required(PrimitiveTypeName.INT64).named("src").required(PrimitiveTypeName.INT64).named("dst").named("e"),
                new Object[][] {{1L, 2L}});
        String m = assertThrows(DatasetFormatException.class, () -> ParquetTables.read(f, e, TableOptions.defaults())).getMessage();
        assertTrue(m.endsWith("nodes.parquet: Expected nodes.label of an integer type (got string)"), m);
        MessageType s2 = Types.buildMessage().required(PrimitiveTypeName.INT64).named("id").optional(PrimitiveTypeName.INT32).named("label")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("x").named("n");
        write(f, s2, new Object[][] {{1L, 0, "a"}});
        m = assertThrows(DatasetFormatException.class, () -> ParquetTables.read(f, e, TableOptions.defaults())).getMessage();
        assertTrue(m.endsWith("Expected nodes.x of a numeric type (a feature column) (got string)"), m);
        MessageType s3 = Types.buildMessage().required(PrimitiveTypeName.INT64).named("id").optional(PrimitiveTypeName.INT32).named("label")
                .optional(PrimitiveTypeName.DOUBLE).named("x").named("n");
        write(f, s3, new Object[][] {{1L, 0, 1.0}, {2L, 1, null}});
        m = assertThrows(DatasetFormatException.class, () -> ParquetTables.read(f, e, TableOptions.defaults())).getMessage();
        assertTrue(m.endsWith("nodes.parquet (row 2): Expected a value in column 'x' (got an empty cell)"), m);
        write(f, s3, new Object[][] {{1L, 0, 1.0}, {2L, 1, 2.0}});
        write(e, Types.buildMessage().required(PrimitiveTypeName.INT64).named("src").required(PrimitiveTypeName.INT64).named("dst").named("e"),
                new Object[][] {{1L, 2L}, {2L, 3L}});
        m = assertThrows(DatasetFormatException.class, () -> ParquetTables.read(f, e, TableOptions.defaults())).getMessage();
        assertTrue(m.endsWith("edges.parquet (row 2): Expected edge dst among the node ids of " + f + " (got '3')"), m);
        Files.writeString(f, "not parquet at all");
        m = assertThrows(DatasetFormatException.class, () -> ParquetTables.read(f, e, TableOptions.defaults())).getMessage();
        assertTrue(m.contains("nodes.parquet: Expected a Parquet file (got"), m);
    }

    static void write(Path f, MessageType s, Object[][] rows) throws Exception {
        Files.deleteIfExists(f);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f)).withConf(new PlainParquetConfiguration())
                .withType(s).build()) {
            SimpleGroupFactory fac = new SimpleGroupFactory(s);
            for (Object[] r : rows) {
                Group g = fac.newGroup();
                for (int c = 0; c < r.length; c++) {
                    Object v = r[c];
                    String name = s.getFieldName(c);
                    if (v == null) continue;
                    if (v instanceof Long l) g.add(name, l);
                    else if (v instanceof Integer i) g.add(name, i);
                    else if (v instanceof Double d) g.add(name, d);
                    else if (v instanceof String str) g.add(name, str);
                    else if (v instanceof double[] a) {
                        Group list = g.addGroup(name);
                        for (double d : a) list.addGroup(0).add(0, d);
                    }
                }
                w.write(g);
            }
        }
    }
}
