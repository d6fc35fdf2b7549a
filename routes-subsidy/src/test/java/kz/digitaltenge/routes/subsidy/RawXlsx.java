package kz.digitaltenge.routes.subsidy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * XLSX packages written part by part, for what POI's writer would not write: a cached formula value, a number as Excel
 * stores it (17 digits), rich and phonetic text, a 1904 workbook, hostile XML, a zip bomb.
 */
final class RawXlsx {
    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private final Map<String, byte[]> parts = new LinkedHashMap<>();
    private String sheet = "";
    private String sharedStrings;
    private String styles;
    private String workbookPr = "";

    RawXlsx sheetData(String rowsXml) {
        this.sheet = rowsXml;
        return this;
    }

    RawXlsx sharedStrings(String siXml) {
        this.sharedStrings = siXml;
        return this;
    }

    /** {@code cellXfs} of the styles part, with {@code numFmts} before it. */
    RawXlsx styles(String numFmtsXml, String cellXfsXml) {
        this.styles = "<numFmts>" + numFmtsXml + "</numFmts><cellXfs>" + cellXfsXml + "</cellXfs>";
        return this;
    }

    RawXlsx date1904() {
        this.workbookPr = "<workbookPr date1904=\"1\"/>";
        return this;
    }

    /** A row of inline-string cells from column A. */
    static String inlineRow(int r, List<String> cells) {
        StringBuilder b = new StringBuilder("<row r=\"" + r + "\">");
        for (int c = 0; c < cells.size(); c++) {
            if (cells.get(c).isEmpty()) {
                continue;
            }
            b.append("<c r=\"").append(column(c)).append(r).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                    .append(escape(cells.get(c))).append("</t></is></c>");
        }
        return b.append("</row>").toString();
    }

    /** The rows of a register (title, header, rows) as inline strings. */
    static String inlineRows(List<List<String>> lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(inlineRow(i + 1, lines.get(i)));
        }
        return b.toString();
    }

    static String column(int c) {
        StringBuilder s = new StringBuilder();
        for (int n = c + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    Map<String, byte[]> parts() {
        parts.clear();
        String overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (sharedStrings == null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                + (styles == null ? "" : "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + overrides + "</Types>");
        put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + workbookPr + "<sheets><sheet name=\"Реестр\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (sharedStrings == null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + (styles == null ? "" : "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
                + "</Relationships>");
        if (sharedStrings != null) {
            put("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">" + sharedStrings + "</sst>");
        }
        if (styles != null) {
            put("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\">" + styles + "</styleSheet>");
        }
        put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData>"
                + sheet + "</sheetData></worksheet>");
        return parts;
    }

    private void put(String name, String xml) {
        parts.put(name, xml.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return zip(parts());
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A workbook whose sheet is the register's header and one row, then {@code blankBytes} of blanks between the rows:
     * valid XML that deflates about a thousandfold (64 MiB of blanks is about 64 KiB of zip).
     */
    static byte[] bomb(List<List<String>> lines, long blankBytes) {
        RawXlsx x = new RawXlsx().sheetData("");
        Map<String, byte[]> parts = x.parts();
        String sheetXml = new String(parts.remove("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
        int at = sheetXml.indexOf("</sheetData>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheetXml.substring(0, at).getBytes(StandardCharsets.UTF_8));
            zip.write(inlineRows(lines).getBytes(StandardCharsets.UTF_8));
            blanks(zip, blankBytes);
            zip.write(sheetXml.substring(at).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void blanks(OutputStream out, long n) throws IOException {
        byte[] chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long left = n; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }
}
