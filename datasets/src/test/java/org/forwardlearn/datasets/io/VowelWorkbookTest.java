package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.DatasetInfo;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PFF vowel workbook: statistics of the real file, then one synthetic workbook per malformation. */
class VowelWorkbookTest {
    @TempDir
    Path tmp;

    @Test
    void realWorkbookHas258TokensOf7VowelsAnd12Formants() {
        VowelWorkbook w = Datasets.loadVowelWorkbook(TestData.dir());
        assertEquals(258, w.size());
        assertArrayEquals(new int[] {37, 37, 37, 37, 37, 37, 36}, w.classCounts());
        assertEquals(48, w.tokens().stream().map(VowelWorkbook.Token::talker).distinct().count());
        assertTrue(w.tokens().stream().allMatch(t -> t.file().startsWith("w") && t.features().length == 12));
        VowelWorkbook.Token first = w.tokens().get(0);
        assertEquals("w01ae", first.file());
        assertArrayEquals(new double[] {678, 2293, 2861, 681, 2295, 2868, 711, 2160, 2867, 705, 1968, 2906}, first.features(), 0);
        // each token equals the same token of vowdata.dat (the workbook is a curated subset of it)
        Map<String, double[]> hill = new LinkedHashMap<>();
        for (VowelData.Token t : VowelData.load(TestData.dir().resolve("hillenbrand-vowels/vowdata.dat")).tokens()) {
            hill.put(t.file(), t.features());
        }
        for (VowelWorkbook.Token t : w.tokens()) assertArrayEquals(hill.get(t.file()), t.features(), 0, t.file());
        double meanF1 = w.tokens().stream().mapToDouble(t -> t.features()[0]).average().orElseThrow();
        assertTrue(meanF1 > 400 && meanF1 < 900, "mean F1 " + meanF1);
        Map<String, Object> info = DatasetInfo.describe("phyll-vowels", TestData.dir());
        assertEquals(258, info.get("tokens"));
        assertEquals(7, info.get("classes"));
    }

    // ---- synthetic workbooks ----

    private static final String WB = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    private static final String RELS = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
            + "Target=\"worksheets/sheet1.xml\"/></Relationships>";

    /** A sheet with a header and one token per vowel (formants 500 + 100 v + j), cells as inline strings / numbers. */
    static List<List<String>> goodRows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> h = new ArrayList<>();
        h.add("");
        h.addAll(VowelWorkbook.HEADER);
        rows.add(h);
        for (int v = 0; v < VowelWorkbook.VOWELS.size(); v++) {
            List<String> r = new ArrayList<>();
            r.add(String.format("w%02d%s", v + 1, VowelWorkbook.VOWELS.get(v)));
            for (int j = 0; j < 12; j++) r.add(Integer.toString(500 + 100 * v + j));
            rows.add(r);
        }
        return rows;
    }

    /** Sheet XML: text cells through shared strings (collected into {@code strings}), numbers as numbers. */
    static String sheet(List<List<String>> rows, List<String> strings) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int i = 0; i < rows.size(); i++) {
            sb.append("<row r=\"").append(i + 1).append("\">");
            List<String> r = rows.get(i);
            for (int j = 0; j < r.size(); j++) {
                String ref = (char) ('A' + j) + Integer.toString(i + 1), v = r.get(j);
                if (v.isEmpty()) sb.append("<c r=\"").append(ref).append("\"/>");
                else if (v.matches("-?[0-9.]+")) sb.append("<c r=\"").append(ref).append("\"><v>").append(v).append("</v></c>");
                else {
                    strings.add(v);
                    sb.append("<c r=\"").append(ref).append("\" t=\"s\"><v>").append(strings.size() - 1).append("</v></c>");
                }
            }
            sb.append("</row>");
        }
        return sb.append("</sheetData></worksheet>").toString();
    }

    static String sst(List<String> strings) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        for (String s : strings) sb.append("<si><r><t>").append(s, 0, Math.min(2, s.length())).append("</t></r><r><rPr><sz val=\"9\"/></rPr><t>")
                .append(s.length() > 2 ? s.substring(2) : "").append("</t></r></si>");
        return sb.append("</sst>").toString();
    }

    static Map<String, byte[]> parts(List<List<String>> rows) {
        List<String> strings = new ArrayList<>();
        String sh = sheet(rows, strings);
        Map<String, byte[]> p = new LinkedHashMap<>();
        p.put("xl/workbook.xml", WB.getBytes(StandardCharsets.UTF_8));
        p.put("xl/_rels/workbook.xml.rels", RELS.getBytes(StandardCharsets.UTF_8));
        p.put("xl/worksheets/sheet1.xml", sh.getBytes(StandardCharsets.UTF_8));
        p.put("xl/sharedStrings.xml", sst(strings).getBytes(StandardCharsets.UTF_8));
        return p;
    }

    Path write(String name, Map<String, byte[]> parts) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (var e : parts.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Path f = tmp.resolve(name);
        Files.write(f, bo.toByteArray());
        return f;
    }

    private static void bad(String fragment, Executable ex) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, ex);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
        assertTrue(e.getMessage().contains("Expected"), e.getMessage());
    }

    private Path withRows(String name, java.util.function.Consumer<List<List<String>>> edit) throws IOException {
        List<List<String>> rows = goodRows();
        edit.accept(rows);
        return write(name, parts(rows));
    }

    @Test
    void goodSyntheticWorkbookReads() throws IOException {
        VowelWorkbook w = VowelWorkbook.load(write("good.xlsx", parts(goodRows())));
        assertEquals(7, w.size());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, w.classCounts());
        assertEquals("er", w.tokens().get(3).vowel());
        assertEquals(3, w.tokens().get(3).label());
        assertEquals(800 + 11, w.tokens().get(3).features()[11], 0);
    }

    @Test
    void notAZipEmptyAndMissingParts() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.xlsx"), new byte[0]);
        bad("(got an empty file)", () -> VowelWorkbook.load(empty));
        Path text = Files.writeString(tmp.resolve("text.xlsx"), "w01ae,678,2293\n");
        bad("a zip archive", () -> VowelWorkbook.load(text));
        Map<String, byte[]> p = parts(goodRows());
        p.remove("xl/worksheets/sheet1.xml");
        Path noSheet = write("nosheet.xlsx", p);
        bad("Expected zip entry 'xl/worksheets/sheet1.xml'", () -> VowelWorkbook.load(noSheet));
        Map<String, byte[]> q = parts(goodRows());
        q.put("xl/workbook.xml", WB.replace("<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>", "").getBytes(StandardCharsets.UTF_8));
        Path noSheetElement = write("nosheetel.xlsx", q);
        bad("Expected a <sheet> element (got none)", () -> VowelWorkbook.load(noSheetElement));
        Map<String, byte[]> r = parts(goodRows());
        r.put("xl/_rels/workbook.xml.rels", RELS.replace("worksheets/sheet1.xml", "../../etc/passwd").getBytes(StandardCharsets.UTF_8));
        Path escape = write("escape.xlsx", r);
        bad("a sheet target inside xl/", () -> VowelWorkbook.load(escape));
        Map<String, byte[]> s = parts(goodRows());
        s.remove("xl/sharedStrings.xml");
        Path noStrings = write("nostrings.xlsx", s);
        bad("xl/sharedStrings.xml for shared-string cell B1", () -> VowelWorkbook.load(noStrings));
    }

    @Test
    void wrongHeaderNonNumericEmptyZeroAndIndexErrors() throws IOException {
        Path header = withRows("header.xlsx", rows -> rows.get(0).set(4, "F1 50%"));
        bad("(row 1): Expected a header row", () -> VowelWorkbook.load(header));
        Path shortHeader = withRows("short.xlsx", rows -> rows.get(0).remove(12));
        bad("(row 1): Expected a header row", () -> VowelWorkbook.load(shortHeader));
        Path text = withRows("text.xlsx", rows -> rows.get(3).set(5, "n/a"));
        bad("(row 4): Expected a number in column F (got 'n/a')", () -> VowelWorkbook.load(text));
        Path emptyCell = withRows("emptycell.xlsx", rows -> rows.get(2).set(2, ""));
        bad("(row 3): Expected a formant (Hz) in column C (got an empty cell)", () -> VowelWorkbook.load(emptyCell));
        Path missingCell = withRows("missing.xlsx", rows -> rows.get(2).remove(12));
        bad("(row 3): Expected a formant (Hz) in column M (got an empty cell)", () -> VowelWorkbook.load(missingCell));
        Path zero = withRows("zero.xlsx", rows -> rows.get(5).set(1, "0"));
        bad("(row 6): Expected a positive finite formant (Hz) in column B (got 0)", () -> VowelWorkbook.load(zero));
        Path extra = withRows("extra.xlsx", rows -> rows.get(5).add("7"));
        bad("(row 6): Expected 13 columns (A-M)", () -> VowelWorkbook.load(extra));
        Map<String, byte[]> p = parts(goodRows());
        p.put("xl/worksheets/sheet1.xml", new String(p.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)
                .replace("<c r=\"A2\" t=\"s\"><v>12</v>", "<c r=\"A2\" t=\"s\"><v>999</v>").getBytes(StandardCharsets.UTF_8));
        Path index = write("index.xlsx", p);
        bad("(row 2): Expected a shared-string index in [0, 19) in cell A2 (got 999)", () -> VowelWorkbook.load(index));
        Map<String, byte[]> q = parts(goodRows());
        q.put("xl/worksheets/sheet1.xml", new String(q.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)
                .replace("<c r=\"B2\">", "<c r=\"B7\">").getBytes(StandardCharsets.UTF_8));
        Path ref = write("ref.xlsx", q);
        bad("(row 2): Expected a cell reference in row 2", () -> VowelWorkbook.load(ref));
        Path onlyHeader = withRows("onlyheader.xlsx", rows -> rows.subList(1, rows.size()).clear());
        bad("Expected at least one token row (got none)", () -> VowelWorkbook.load(onlyHeader));
    }

    @Test
    void vowelOutsideTheSevenBadNameAndDuplicate() throws IOException {
        Path eh = withRows("eh.xlsx", rows -> rows.get(4).set(0, "w05eh"));
        bad("(row 5): Expected a vowel in [ae, ah, aw, er, ih, iy, uw] in column A (got 'eh' in 'w05eh')", () -> VowelWorkbook.load(eh));
        Path name = withRows("name.xlsx", rows -> rows.get(4).set(0, "talker five"));
        bad("(row 5): Expected a token name like 'w01ae' in column A (got 'talker five')", () -> VowelWorkbook.load(name));
        Path dup = withRows("dup.xlsx", rows -> rows.get(4).set(0, "w01ae"));
        bad("(row 5): Expected each token once (got a second 'w01ae')", () -> VowelWorkbook.load(dup));
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "678");
        Map<String, byte[]> p = parts(goodRows());
        String sh = new String(p.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)
                .replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \""
                        + secret.toUri() + "\">]>")
                .replace("<v>500</v>", "<v>&x;</v>");
        p.put("xl/worksheets/sheet1.xml", sh.getBytes(StandardCharsets.UTF_8));
        Path xxe = write("xxe.xlsx", p);
        bad("Expected well-formed XML without a DOCTYPE", () -> VowelWorkbook.load(xxe));
        Map<String, byte[]> q = parts(goodRows());
        String billion = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&b;</t></si></sst>";
        q.put("xl/sharedStrings.xml", billion.getBytes(StandardCharsets.UTF_8));
        Path lol = write("lol.xlsx", q);
        bad("xl/sharedStrings.xml: Expected well-formed XML without a DOCTYPE", () -> VowelWorkbook.load(lol));
        Map<String, byte[]> r = parts(goodRows());
        r.put("xl/workbook.xml", "<workbook><sheets>".getBytes(StandardCharsets.UTF_8));
        Path broken = write("broken.xlsx", r);
        bad("xl/workbook.xml: Expected well-formed XML", () -> VowelWorkbook.load(broken));
    }

    @Test
    void inflationRatioAndSizeBoundsAreCheckedOnTheInflatedBytes() throws IOException {
        Map<String, byte[]> p = parts(goodRows());
        byte[] sh = p.get("xl/worksheets/sheet1.xml");
        // the same sheet followed by 2 MB of spaces inside the root element: well-formed, but ~1000:1 compressible
        String s = new String(sh, StandardCharsets.UTF_8);
        byte[] pad = new byte[2 << 20];
        Arrays.fill(pad, (byte) ' ');
        String bomb = s.replace("</worksheet>", new String(pad, StandardCharsets.US_ASCII) + "</worksheet>");
        p.put("xl/worksheets/sheet1.xml", bomb.getBytes(StandardCharsets.UTF_8));
        Path f = write("bomb.xlsx", p);
        bad("sheet1.xml: Expected an inflated size <= ", () -> VowelWorkbook.load(f));
        // a stored (uncompressed) part larger than the absolute bound
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        byte[] big = new byte[(int) VowelWorkbook.MAX_PART_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (var e : parts(goodRows()).entrySet()) {
                if (e.getKey().equals("xl/workbook.xml")) continue;
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
            ZipEntry e = new ZipEntry("xl/workbook.xml");
            e.setMethod(ZipEntry.STORED);
            e.setSize(big.length);
            e.setCompressedSize(big.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(big);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(big);
            z.closeEntry();
        }
        Path stored = Files.write(tmp.resolve("stored.xlsx"), bo.toByteArray());
        bad("workbook.xml: Expected an inflated size <= " + VowelWorkbook.MAX_PART_BYTES, () -> VowelWorkbook.load(stored));
    }
}
