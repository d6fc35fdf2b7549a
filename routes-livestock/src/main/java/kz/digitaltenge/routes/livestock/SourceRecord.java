package kz.digitaltenge.routes.livestock;

/**
 * One record of a file as its format cut it out: where it starts ({@code line}), its text as it came (a CSV record
 * with the file's header line before it, so that it reads again on its own), and either its fields or why it could
 * not be read at all.
 */
record SourceRecord(String where, String text, RecordFields fields, RecordRefused problem) {
    static SourceRecord read(String where, String text, RecordFields fields) {
        return new SourceRecord(where, text, fields, null);
    }

    static SourceRecord broken(String where, String text, RecordRefused problem) {
        return new SourceRecord(where, text, null, problem);
    }
}
