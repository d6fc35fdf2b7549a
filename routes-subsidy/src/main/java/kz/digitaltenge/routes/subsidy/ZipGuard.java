package kz.digitaltenge.routes.subsidy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * Walks an XLSX's zip once before anything parses it, inflating every entry into nothing while counting: more entries
 * than {@link RegisterLimits#maxEntries()}, an entry inflating past {@link RegisterLimits#maxEntryBytes()}, all of them
 * past {@link RegisterLimits#maxInflatedBytes()}, or an entry whose compressed bytes are fewer than
 * {@link RegisterLimits#minInflateRatio()} of what it inflates to (after its first 100 KiB) is a zip bomb and refused
 * (TOO_LARGE) at that point, with at most 8 KiB inflated in memory at a time. A zip that ends early is TRUNCATED, one
 * that is not a zip MALFORMED. POI's own guard ({@code ZipSecureFile}) is set no looser, as a second line.
 */
final class ZipGuard {
    /** POI's grace: small entries may compress well (an empty sheet, the styles). */
    static final long GRACE_BYTES = 100 * 1024;

    private ZipGuard() {
    }

    static void check(byte[] zip, RegisterLimits limits) {
        if (!endsWithDirectory(zip)) {
            throw truncated();
        }
        CountingStream raw = new CountingStream(new ByteArrayInputStream(zip));
        long all = 0;
        int entries = 0;
        Set<String> names = new HashSet<>();
        byte[] sink = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw bomb("it has more than " + limits.maxEntries() + " entries");
                }
                if (!names.add(e.getName())) {
                    throw new SourceMessageRejected(ReasonCode.MALFORMED, "the XLSX file names entry " + Values.quote(e.getName())
                            + " twice: it is not a workbook a spreadsheet wrote");
                }
                long startCompressed = raw.count;
                long inflated = 0;
                int n;
                while ((n = in.read(sink)) > 0) {
                    inflated += n;
                    all += n;
                    if (inflated > limits.maxEntryBytes()) {
                        throw bomb("entry " + Values.quote(e.getName()) + " inflates past " + limits.maxEntryBytes() + " bytes");
                    }
                    if (all > limits.maxInflatedBytes()) {
                        throw bomb("its entries inflate past " + limits.maxInflatedBytes() + " bytes in all");
                    }
                    long compressed = raw.count - startCompressed;
                    if (inflated > GRACE_BYTES && (double) compressed / inflated < limits.minInflateRatio()) {
                        throw bomb("entry " + Values.quote(e.getName()) + " inflates more than " + Math.round(1 / limits.minInflateRatio())
                                + " times (" + compressed + " bytes to more than " + inflated + ")");
                    }
                }
            }
        } catch (EOFException e) {
            throw truncated();
        } catch (ZipException e) {
            String why = Values.safe(e.getMessage());
            if (why.contains("EOF") || why.contains("Unexpected end")) {
                throw truncated();
            }
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the XLSX file is not a readable zip: " + why);
        } catch (IOException e) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the XLSX file is not a readable zip: " + Values.safe(e.getMessage()));
        }
        if (entries == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the XLSX file is an empty zip, or not a zip at all");
        }
    }

    /**
     * Whether the zip ends with its end-of-central-directory record (signature {@code PK 05 06}, within the last
     * 22 + 65,535 bytes: the record and the longest comment). A file cut anywhere, even between two entries, has none.
     */
    static boolean endsWithDirectory(byte[] zip) {
        int last = zip.length - 22;
        int first = Math.max(0, zip.length - 22 - 65_535);
        for (int i = last; i >= first; i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
                int commentLength = (zip[i + 20] & 0xFF) | (zip[i + 21] & 0xFF) << 8;
                if (i + 22 + commentLength == zip.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SourceMessageRejected bomb(String why) {
        return new SourceMessageRejected(ReasonCode.TOO_LARGE, "the XLSX file is refused as a zip bomb: " + why
                + "; a register export is far smaller");
    }

    private static SourceMessageRejected truncated() {
        return new SourceMessageRejected(ReasonCode.TRUNCATED, "the XLSX file ends before its zip is complete (no central directory at its end): it is truncated");
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
