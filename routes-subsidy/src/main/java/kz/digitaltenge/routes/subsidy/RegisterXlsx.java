package kz.digitaltenge.routes.subsidy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.subsidy.XlsxParts.BadSheet;
import kz.digitaltenge.routes.subsidy.XlsxParts.TooLarge;
import kz.digitaltenge.routes.subsidy.XlsxParts.Wrapped;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A register export saved as XLSX: the first sheet, read as text with SAX (never a whole workbook in memory), cell by
 * cell as a spreadsheet shows it. Formulas are never evaluated: a formula cell is the value the spreadsheet stored with
 * it (none: an empty cell). Numbers are their stored value to 15 significant digits (Excel's precision; its XML may write
 * 1250.0999999999999 for 1250.1), in plain digits (never 1.23E+13); a number styled as a date or time is that local time
 * as {@code ДД.ММ.ГГГГ ЧЧ:ММ:СС}.
 *
 * <p>Before POI opens the package, {@link ZipGuard} walks the zip with the {@link RegisterLimits} (a zip bomb is refused
 * before it is expanded, a truncated file at once); POI's {@link ZipSecureFile} is then set to limits no looser than
 * its own defaults and these, and the XML parsers are POI's secure ones (no DTD, no external entities).
 */
final class RegisterXlsx {
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RegisterLimits limits;

    RegisterXlsx(RegisterLimits limits) {
        this.limits = limits;
        tightenPoi();
    }

    /**
     * POI's own zip-bomb guard (a JVM-wide setting), never looser than its defaults nor than this module's default
     * limits; a reader with stricter limits of its own has them enforced by {@link ZipGuard}.
     */
    private static synchronized void tightenPoi() {
        RegisterLimits d = RegisterLimits.DEFAULT;
        if (ZipSecureFile.getMinInflateRatio() < d.minInflateRatio()) {
            ZipSecureFile.setMinInflateRatio(d.minInflateRatio());
        }
        if (ZipSecureFile.getMaxEntrySize() > d.maxEntryBytes()) {
            ZipSecureFile.setMaxEntrySize(d.maxEntryBytes());
        }
        if (ZipSecureFile.getMaxFileCount() > d.maxEntries()) {
            ZipSecureFile.setMaxFileCount(d.maxEntries());
        }
    }

    /** Whether the bytes are a zip (an XLSX is one): they start {@code PK 03 04} (or {@code PK 05 06}, an empty zip). */
    static boolean isZip(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K' && (body[2] == 3 && body[3] == 4 || body[2] == 5 && body[3] == 6);
    }

    /** The rows of the workbook's first sheet, in order (rows with no cell at all are not listed). */
    List<Register.Row> rows(byte[] body) {
        if (body.length > limits.maxFileBytes()) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the XLSX file has " + body.length + " bytes; a register"
                    + " export is taken up to " + limits.maxFileBytes() + " bytes");
        }
        ZipGuard.check(body, limits);
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(new ByteArrayInputStream(body));
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904;
            try (InputStream workbook = reader.getWorkbookData()) {
                XlsxParts.WorkbookHandler h = new XlsxParts.WorkbookHandler();
                parse(workbook, h);
                date1904 = h.date1904;
            }
            List<String> strings = List.of();
            InputStream sst = optional(() -> reader.getSharedStringsData());
            if (sst != null) {
                try (sst) {
                    XlsxParts.SharedStringsHandler h = new XlsxParts.SharedStringsHandler(limits);
                    parse(sst, h);
                    strings = h.strings;
                }
            }
            Map<Integer, Boolean> dateStyles = Map.of();
            InputStream styles = optional(() -> reader.getStylesData());
            if (styles != null) {
                try (styles) {
                    XlsxParts.StylesHandler h = new XlsxParts.StylesHandler();
                    parse(styles, h);
                    dateStyles = h.dateStyles();
                }
            }
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the XLSX workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XlsxSheet h = new XlsxSheet(strings, dateStyles, date1904, limits);
                parse(sheet, h);
                return h.rows;
            }
        } catch (SourceMessageRejected e) {
            throw e;
        } catch (TooLarge e) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, e.getMessage());
        } catch (BadSheet e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the XLSX workbook is broken: " + e.getMessage());
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            String why = Values.safe(e.getMessage());
            if (why.contains("Zip bomb") || why.contains("zip bomb")) {
                throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the XLSX file is refused as a zip bomb: " + why);
            }
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is a zip but not an XLSX workbook that can be"
                    + " read (" + e.getClass().getSimpleName() + (why.isEmpty() ? "" : ": " + why) + ")");
        } finally {
            if (pkg != null) {
                pkg.revert(); // closes without writing anything back
            }
        }
    }

    private interface Part {
        InputStream open() throws IOException, OpenXML4JException;
    }

    private static InputStream optional(Part part) throws IOException, OpenXML4JException {
        try {
            return part.open();
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException | IllegalArgumentException absent) {
            return null;
        }
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException,
            ParserConfigurationException {
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(handler);
        xml.setErrorHandler(handler);
        try {
            xml.parse(new InputSource(in));
        } catch (SAXException e) {
            if (e.getCause() instanceof TooLarge t) {
                throw t;
            }
            if (e.getCause() instanceof BadSheet b) {
                throw b;
            }
            if (e instanceof Wrapped w && w.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
