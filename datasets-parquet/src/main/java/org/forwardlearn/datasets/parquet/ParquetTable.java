package org.forwardlearn.datasets.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.table.TableSource;

/**
 * One Parquet file as a {@link TableSource}. Top-level primitive columns keep their type (INT32/INT64 = integer,
 * FLOAT/DOUBLE = real, BINARY = string); a column {@code features} that is a LIST of numbers (the Spark layout) is
 * expanded into columns {@code features[0]..features[F-1]}, every row having the same length F. Rows count from 1.
 */
public final class ParquetTable implements TableSource {
    /** The largest row count accepted from a footer. */
    static final long MAX_ROWS = Integer.MAX_VALUE - 8;
    private final String file;
    private final List<String> columns = new ArrayList<>();
    private final List<TableSource.Type> types = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();

    private ParquetTable(String file) { this.file = file; }

    public static ParquetTable read(Path path) {
        String file = path.toString();
        if (!Files.isRegularFile(path)) throw DatasetFormatException.of(file, "an existing file", "no such file");
        ParquetTable t = new ParquetTable(file);
        ParquetReadOptions opts = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(path), opts)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            long count = r.getRecordCount();
            if (count < 0 || count > MAX_ROWS) throw DatasetFormatException.of(file, "at most " + MAX_ROWS + " rows", count + " in the footer");
            int listField = -1;
            for (int f = 0; f < schema.getFieldCount(); f++) {
                org.apache.parquet.schema.Type ty = schema.getType(f);
                if (!ty.isPrimitive()) {
                    if (ty.getName().equals("features") && numericList(ty.asGroupType())) { listField = f; continue; }
                    t.columns.add(ty.getName());
                    t.types.add(Type.OTHER);
                    continue;
                }
                t.columns.add(ty.getName());
                t.types.add(kind(ty.asPrimitiveType()));
            }
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            int width = -1;
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long k = 0; k < pages.getRowCount(); k++) {
                    Group g = rr.read();
                    List<Object> row = new ArrayList<>();
                    for (int f = 0; f < schema.getFieldCount(); f++) {
                        if (f == listField) continue;
                        row.add(value(g, f, schema.getType(f)));
                    }
                    if (listField >= 0) {
                        double[] v = list(g, listField);
                        if (width < 0) {
                            width = v.length;
                            for (int j = 0; j < width; j++) { t.columns.add("features[" + j + "]"); t.types.add(Type.REAL); }
                        }
                        if (v.length != width) {
                            throw new DatasetFormatException(file, t.rows.size() + 1, "row", width + " features as in row 1",
                                    v.length + " features");
                        }
                        for (double d : v) row.add(d);
                    }
                    t.rows.add(row.toArray());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetFormatException d) throw d;
            if (e instanceof UncheckedIOException u) throw u;
            throw DatasetFormatException.of(file, "a Parquet file", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        return t;
    }

    private static boolean numericList(GroupType g) {
        // LIST annotation: group features (LIST) { repeated group list { element } }
        if (g.getFieldCount() != 1 || g.getType(0).isPrimitive()) return false;
        GroupType rep = g.getType(0).asGroupType();
        return rep.getFieldCount() == 1 && rep.getType(0).isPrimitive() && kind(rep.getType(0).asPrimitiveType()) != Type.STRING
                && kind(rep.getType(0).asPrimitiveType()) != Type.OTHER;
    }

    private static double[] list(Group g, int field) {
        if (g.getFieldRepetitionCount(field) == 0) return new double[0];
        Group l = g.getGroup(field, 0);
        int n = l.getFieldRepetitionCount(0);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Group e = l.getGroup(0, i);
            Object o = e.getFieldRepetitionCount(0) == 0 ? null : value(e, 0, e.getType().getType(0));
            v[i] = o == null ? Double.NaN : ((Number) o).doubleValue();
        }
        return v;
    }

    static Type kind(PrimitiveType p) {
        return switch (p.getPrimitiveTypeName()) {
            case INT32, INT64 -> Type.INTEGER;
            case FLOAT, DOUBLE -> Type.REAL;
            case BINARY -> Type.STRING;
            default -> Type.OTHER;
        };
    }

    private static Object value(Group g, int f, org.apache.parquet.schema.Type ty) {
        if (!ty.isPrimitive() || g.getFieldRepetitionCount(f) == 0) return null;
        return switch (ty.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> (long) g.getInteger(f, 0);
            case INT64 -> g.getLong(f, 0);
            case FLOAT -> (double) g.getFloat(f, 0);
            case DOUBLE -> g.getDouble(f, 0);
            case BINARY -> g.getString(f, 0);
            default -> g.getValueToString(f, 0);
        };
    }

    @Override public String file() { return file; }

    @Override public String positionKind() { return "row"; }

    @Override public List<String> columns() { return List.copyOf(columns); }

    @Override public Type type(int column) { return types.get(column); }

    @Override public int rows() { return rows.size(); }

    @Override public long position(int row) { return row + 1L; }

    @Override
    public Object cell(int row, int column) {
        Object v = rows.get(row)[column];
        return v instanceof String s && s.isEmpty() ? null : v;
    }
}
