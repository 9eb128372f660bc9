package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * The vowel workbook of the PFF paper ({@code phyll-vowels/Vowel_dataset.xlsx}, MomeniAli/PhyLL): an Office Open XML
 * workbook whose first sheet has a header row (an empty cell A1, then the 12 formant columns
 * {@link #HEADER}: F1, F2, F3 at steady state, then at 20, 50 and 80 % of the vowel's duration, in Hz) and one token per
 * row (column A the Hillenbrand file name, e.g. {@code w01ae}; columns B-M the formants).
 *
 * <p>Read with the JDK's zip and XML parsers only (a workbook is a zip of XML parts; no spreadsheet library is needed
 * for one sheet of numbers). Hardened: at most {@link #MAX_ENTRIES} zip entries; every part read is bounded by
 * {@link #MAX_PART_BYTES} and by {@link #MAX_RATIO} times its compressed size, counted on the bytes actually
 * inflated (a zip's declared sizes are not trusted); DOCTYPE declarations are refused, so no external entity or
 * entity expansion is ever processed. Strict: a missing sheet, a header other than {@link #HEADER}, an empty or
 * non-numeric or non-positive formant, a token name that is not {@code [mwbg]NN<vowel>}, a vowel outside
 * {@link #VOWELS}, or a repeated token gives a {@link DatasetFormatException} naming the part and row.
 */
public final class VowelWorkbook {
    /** The 7 vowels of the paper's task, in this class order (note {@code er}, not {@code eh}). */
    public static final List<String> VOWELS = List.of("ae", "ah", "aw", "er", "ih", "iy", "uw");
    /** The header texts of columns B-M (the workbook's rich text with its formatting dropped). */
    public static final List<String> HEADER = List.of("F1steady_state", "F2steady_state", "F3steady_state", "F120%",
            "F220%", "F320%", "F150%", "F250%", "F350%", "F180%", "F280%", "F380%");
    /** Names of the 12 features, as {@link VowelData#FEATURES}. */
    public static final List<String> FEATURES = VowelData.FEATURES;
    /** Bound on the inflated size of any part read. */
    public static final long MAX_PART_BYTES = 8L << 20;
    /** Bound on inflated / compressed size of a part (XML compresses ~10:1; a zip bomb ~1000:1). */
    public static final long MAX_RATIO = 100;
    /** Bound on the number of zip entries. */
    public static final int MAX_ENTRIES = 1000;
    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final Pattern TOKEN = Pattern.compile("[mwbg]([0-9]{2})([a-z]{2})");
    private static final Pattern CELL = Pattern.compile("([A-Z]{1,3})([0-9]{1,7})");

    /**
     * One token.
     *
     * @param file     the Hillenbrand file name, e.g. w01ae
     * @param talker   the talker, e.g. w01
     * @param vowel    one of {@link #VOWELS}
     * @param features the 12 formants in {@link #FEATURES} order (Hz)
     */
    public record Token(String file, String talker, String vowel, double[] features) {
        public Token {
            features = features.clone();
        }

        @Override
        public double[] features() {
            return features.clone();
        }

        /** The class index, the position of {@link #vowel} in {@link #VOWELS}. */
        public int label() {
            return VOWELS.indexOf(vowel);
        }
    }

    private final List<Token> tokens;

    private VowelWorkbook(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** The tokens in row order. */
    public List<Token> tokens() {
        return tokens;
    }

    public int size() {
        return tokens.size();
    }

    /** Tokens per vowel, in {@link #VOWELS} order. */
    public int[] classCounts() {
        int[] c = new int[VOWELS.size()];
        for (Token t : tokens) c[t.label()]++;
        return c;
    }

    /** Reads the first sheet of the workbook. */
    public static VowelWorkbook load(Path file) {
        long len = Budget.fileLength(file);   // the shared rules: a regular file within the cap (directories, pipes refused)
        if (len == 0) throw DatasetFormatException.of(file, "an .xlsx workbook (a zip archive)", "an empty file");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw DatasetFormatException.of(file, "at most " + MAX_ENTRIES + " zip entries", Integer.toString(zip.size()));
            }
            Parts parts = new Parts(file, zip);
            String sheet = firstSheet(parts);
            List<String> strings = zip.getEntry("xl/sharedStrings.xml") == null ? null : sharedStrings(parts);
            return new VowelWorkbook(readSheet(parts, sheet, strings));
        } catch (ZipException e) {
            throw DatasetFormatException.of(file, "an .xlsx workbook (a zip archive)", "unreadable zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Reads and parses zip parts with the bounds of the class comment. */
    private record Parts(Path file, ZipFile zip) {
        String name(String entry) {
            return file + "!" + entry;
        }

        Document xml(String entry) throws IOException {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                List<String> names = new ArrayList<>();
                for (ZipEntry z : Collections.list(zip.entries())) names.add(z.getName());
                throw DatasetFormatException.of(file, "zip entry '" + entry + "'", "entries " + names);
            }
            long limit = MAX_PART_BYTES;
            if (e.getMethod() != ZipEntry.STORED) limit = Math.min(limit, Math.max(e.getCompressedSize(), 0) * MAX_RATIO + 4096);
            if (e.getSize() > limit) {
                throw DatasetFormatException.of(name(entry), "an inflated size <= " + limit + " bytes", e.getSize() + " bytes");
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(e)) {
                bytes = readBounded(in, limit, entry);
            } catch (ZipException ex) {
                throw DatasetFormatException.of(name(entry), "a readable zip entry", ex.getMessage(), ex);
            }
            try {
                return builder().parse(new ByteArrayInputStream(bytes), name(entry));
            } catch (SAXException ex) {
                throw DatasetFormatException.of(name(entry), "well-formed XML without a DOCTYPE", ex.getMessage(), ex);
            }
        }

        private byte[] readBounded(InputStream in, long limit, String entry) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw DatasetFormatException.of(name(entry), "an inflated size <= " + limit + " bytes", "more");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() { // never print (the JDK default handler writes to stderr)
                @Override public void warning(org.xml.sax.SAXParseException e) { }
                @Override public void error(org.xml.sax.SAXParseException e) throws SAXException { throw e; }
                @Override public void fatalError(org.xml.sax.SAXParseException e) throws SAXException { throw e; }
            });
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' refused");
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("Expected a JDK XML parser with secure-processing features (got " + e.getMessage() + ")", e);
        }
    }

    /** The zip path of the workbook's first sheet: workbook.xml's first sheet, resolved through its relationships. */
    private static String firstSheet(Parts parts) throws IOException {
        Document wb = parts.xml("xl/workbook.xml");
        NodeList sheets = wb.getElementsByTagNameNS(MAIN_NS, "sheet");
        if (sheets.getLength() == 0) throw DatasetFormatException.of(parts.name("xl/workbook.xml"), "a <sheet> element", "none");
        String rid = ((Element) sheets.item(0)).getAttributeNS(REL_NS, "id");
        Document rels = parts.xml("xl/_rels/workbook.xml.rels");
        NodeList rs = rels.getElementsByTagName("Relationship");
        for (int i = 0; i < rs.getLength(); i++) {
            Element r = (Element) rs.item(i);
            if (r.getAttribute("Id").equals(rid)) {
                String t = r.getAttribute("Target");
                if (t.contains("..") || t.isEmpty()) {
                    throw DatasetFormatException.of(parts.name("xl/_rels/workbook.xml.rels"), "a sheet target inside xl/", "'" + t + "'");
                }
                return t.startsWith("/") ? t.substring(1) : "xl/" + t;
            }
        }
        throw DatasetFormatException.of(parts.name("xl/_rels/workbook.xml.rels"), "a relationship for the first sheet ('" + rid + "')", "none");
    }

    /** The shared strings, each the concatenation of its text runs (formatting and phonetic runs dropped). */
    private static List<String> sharedStrings(Parts parts) throws IOException {
        Document d = parts.xml("xl/sharedStrings.xml");
        NodeList si = d.getElementsByTagNameNS(MAIN_NS, "si");
        List<String> out = new ArrayList<>(si.getLength());
        for (int i = 0; i < si.getLength(); i++) out.add(text((Element) si.item(i)));
        return out;
    }

    private static String text(Element e) {
        StringBuilder sb = new StringBuilder();
        NodeList ts = e.getElementsByTagNameNS(MAIN_NS, "t");
        for (int j = 0; j < ts.getLength(); j++) {
            Node t = ts.item(j);
            if (t.getParentNode() != null && "rPh".equals(t.getParentNode().getLocalName())) continue;
            sb.append(t.getTextContent());
        }
        return sb.toString();
    }

    private static List<Token> readSheet(Parts parts, String sheet, List<String> strings) throws IOException {
        String where = parts.name(sheet);
        Document d = parts.xml(sheet);
        NodeList rows = d.getElementsByTagNameNS(MAIN_NS, "row");
        List<Token> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean header = false;
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            Map<Integer, String> cells = cells(row, strings, where);
            long rn = rowNumber(row, where);
            if (cells.values().stream().allMatch(String::isEmpty)) continue;
            if (!header) {
                List<String> got = new ArrayList<>();
                for (int c = 1; c <= HEADER.size(); c++) got.add(cells.getOrDefault(c, "").replaceAll("\\s+", ""));
                if (!got.equals(HEADER) || !cells.getOrDefault(0, "").isEmpty() || cells.keySet().stream().anyMatch(c -> c > HEADER.size())) {
                    throw rowError(where, rn, "a header row ['', " + String.join(", ", HEADER) + "]", cells.values().toString());
                }
                header = true;
                continue;
            }
            String name = cells.getOrDefault(0, "");
            Matcher m = TOKEN.matcher(name);
            if (!m.matches()) throw rowError(where, rn, "a token name like 'w01ae' in column A", "'" + name + "'");
            String vowel = m.group(2);
            if (!VOWELS.contains(vowel)) throw rowError(where, rn, "a vowel in " + VOWELS + " in column A", "'" + vowel + "' in '" + name + "'");
            if (!seen.add(name)) throw rowError(where, rn, "each token once", "a second '" + name + "'");
            if (cells.keySet().stream().anyMatch(c -> c > HEADER.size() && !cells.get(c).isEmpty())) {
                throw rowError(where, rn, (HEADER.size() + 1) + " columns (A-M)", "a value beyond column M");
            }
            double[] f = new double[HEADER.size()];
            for (int c = 1; c <= f.length; c++) {
                String v = cells.getOrDefault(c, "");
                String col = column(c);
                if (v.isEmpty()) throw rowError(where, rn, "a formant (Hz) in column " + col, "an empty cell");
                double x;
                try {
                    x = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw rowError(where, rn, "a number in column " + col, "'" + v + "'");
                }
                if (!(x > 0) || Double.isInfinite(x)) throw rowError(where, rn, "a positive finite formant (Hz) in column " + col, v);
                f[c - 1] = x;
            }
            out.add(new Token(name, name.substring(0, 3), vowel, f));
        }
        if (!header) throw DatasetFormatException.of(where, "a header row and token rows", "an empty sheet");
        if (out.isEmpty()) throw DatasetFormatException.of(where, "at least one token row", "none");
        return out;
    }

    /**
     * Column index (A = 0) to cell text: shared strings resolved, numbers as written. A number cell (no type or
     * {@code t="n"}) keeps its {@code <v>} text; a string cell ({@code s}, {@code str}, {@code inlineStr}) its text,
     * which then fails the number parse where a formant is expected.
     */
    private static Map<Integer, String> cells(Element row, List<String> strings, String where) {
        Map<Integer, String> out = new LinkedHashMap<>();
        NodeList cs = row.getElementsByTagNameNS(MAIN_NS, "c");
        long rn = rowNumber(row, where);
        for (int j = 0; j < cs.getLength(); j++) {
            Element c = (Element) cs.item(j);
            String ref = c.getAttribute("r");
            Matcher m = CELL.matcher(ref);
            if (!m.matches() || Long.parseLong(m.group(2)) != rn) {
                throw rowError(where, rn, "a cell reference in row " + rn + ", e.g. 'B" + rn + "'", "'" + ref + "'");
            }
            int col = 0;
            for (char ch : m.group(1).toCharArray()) col = col * 26 + (ch - 'A' + 1);
            col -= 1;
            String type = c.getAttribute("t");
            String v = child(c, "v");
            String value;
            switch (type) {
                case "s" -> {
                    if (strings == null) throw rowError(where, rn, "xl/sharedStrings.xml for shared-string cell " + ref, "no such part");
                    int k;
                    try {
                        k = Integer.parseInt(v.trim());
                    } catch (NumberFormatException e) {
                        throw rowError(where, rn, "a shared-string index in cell " + ref, "'" + v + "'");
                    }
                    if (k < 0 || k >= strings.size()) {
                        throw rowError(where, rn, "a shared-string index in [0, " + strings.size() + ") in cell " + ref, Integer.toString(k));
                    }
                    value = strings.get(k);
                }
                case "inlineStr" -> {
                    NodeList is = c.getElementsByTagNameNS(MAIN_NS, "is");
                    value = is.getLength() == 0 ? "" : text((Element) is.item(0));
                }
                case "", "n", "str" -> value = v;
                default -> throw rowError(where, rn, "a number or text in cell " + ref, "a cell of type '" + type + "'");
            }
            if (out.put(col, value.trim()) != null) throw rowError(where, rn, "one cell per column", "a second " + ref);
        }
        return out;
    }

    private static String child(Element c, String local) {
        NodeList n = c.getElementsByTagNameNS(MAIN_NS, local);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent();
    }

    private static long rowNumber(Element row, String where) {
        String r = row.getAttribute("r");
        try {
            long n = Long.parseLong(r);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw DatasetFormatException.of(where, "a row number r >= 1", "'" + r + "'");
        }
    }

    private static String column(int c) {
        StringBuilder sb = new StringBuilder();
        for (int x = c + 1; x > 0; x = (x - 1) / 26) sb.insert(0, (char) ('A' + (x - 1) % 26));
        return sb.toString();
    }

    private static DatasetFormatException rowError(String where, long row, String expected, String got) {
        return new DatasetFormatException(where, row, "row", expected, got);
    }
}
