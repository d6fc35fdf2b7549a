package kz.digitaltenge.canonical.source;

/** Headers the hub itself gives a source's translator, beside what the source sent. */
public final class SourceHeaders {
    /** The {@link RecordImport#path()} a message came through, absent for the source's other transports. */
    public static final String IMPORT = "import";
    /**
     * The BIN/IIN of the party the caller is bound to, when the caller speaks for one party only (a taxpayer's system,
     * a bank bound to its client); absent for hub-wide callers and for messages of a source's own transports.
     */
    public static final String CALLER_PARTY = "callerParty";

    private SourceHeaders() {
    }
}
