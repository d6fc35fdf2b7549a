package kz.digitaltenge.routes.subsidy;

/**
 * How much of a register export the readers take before they refuse the file (TOO_LARGE), so a hostile or broken file
 * costs bounded memory and time. Checked in this order: the file's bytes before anything is read; for an XLSX, the zip's
 * entries, each entry's and all entries' inflated size and the inflation ratio while it is inflated (a zip bomb is
 * refused before it is expanded); the rows while they are read.
 *
 * @param maxFileBytes     the largest file (CSV or XLSX) as it arrives
 * @param maxRows          the most rows of a sheet, the title block and the header included
 * @param maxEntries       the most entries of an XLSX zip (a workbook of one sheet has about ten)
 * @param maxEntryBytes    the largest inflated entry of an XLSX (the sheet's XML)
 * @param maxInflatedBytes all entries of an XLSX inflated
 * @param minInflateRatio  the smallest compressed/inflated ratio of an entry past its first 100 KiB (POI's rule: 0.01,
 *                         a hundredfold, is far beyond what a spreadsheet's XML compresses to)
 * @param maxCellChars     the longest text of one cell
 */
public record RegisterLimits(long maxFileBytes, int maxRows, int maxEntries, long maxEntryBytes, long maxInflatedBytes,
                             double minInflateRatio, int maxCellChars) {
    /** 10 MiB files (the hub's file limit for 1C too), 100,000 rows, entries to 100 MiB, 200 MiB in all. */
    public static final RegisterLimits DEFAULT = new RegisterLimits(10L << 20, 100_000, 1_000, 100L << 20, 200L << 20,
            0.01, 4_096);

    public RegisterLimits {
        if (maxFileBytes <= 0 || maxRows <= 0 || maxEntries <= 0 || maxEntryBytes <= 0 || maxInflatedBytes <= 0
                || maxCellChars <= 0 || !(minInflateRatio > 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("register limits must be positive (and the inflate ratio between 0 and 1)");
        }
    }

    /** The same limits with another file size. */
    public RegisterLimits withMaxFileBytes(long bytes) {
        return new RegisterLimits(bytes, maxRows, maxEntries, maxEntryBytes, maxInflatedBytes, minInflateRatio, maxCellChars);
    }

    /** The same limits with another row count. */
    public RegisterLimits withMaxRows(int rows) {
        return new RegisterLimits(maxFileBytes, rows, maxEntries, maxEntryBytes, maxInflatedBytes, minInflateRatio, maxCellChars);
    }

    /** The same limits with other inflated sizes. */
    public RegisterLimits withInflated(long entryBytes, long allBytes) {
        return new RegisterLimits(maxFileBytes, maxRows, maxEntries, entryBytes, allBytes, minInflateRatio, maxCellChars);
    }
}
