package kz.digitaltenge.routes.procurement;

import kz.digitaltenge.routes.procurement.project.ProjectImports;
import kz.digitaltenge.canonical.source.BatchTranslator;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.source.RecordImport;
import kz.digitaltenge.canonical.source.RegistryCheck;
import kz.digitaltenge.canonical.source.SourcePoller;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.SourceTranslator;
import kz.digitaltenge.canonical.source.Transports;
import kz.digitaltenge.routes.procurement.contract.AlreadyRegisteredCheck;
import kz.digitaltenge.routes.procurement.contract.ContractTerms;
import kz.digitaltenge.routes.procurement.contract.ContractVersionCheck;
import kz.digitaltenge.routes.procurement.contract.ProcurementTranslator;

/**
 * The public procurement portal (goszakup.gov.kz, its open-data API OWS v3) as a source of the hub: its contracts,
 * their supplementary agreements, acts of completed work, Treasury registrations and payments, and the journal's
 * deletions become versions of each contract's {@code CONTRACT_REGISTERED} fact, the marking parameter of the money the
 * Treasury marks to it. Spoken for by an {@code EVENT_PROVIDER} (the portal's poll, or a system posting the portal's
 * JSON to {@code /api/intake/procurement}); back offices and the Treasury import files of the portal's JSON through
 * {@code POST /api/procurement/contracts}, {@code /acts} and {@code /treasury-pay} when the portal cannot be reached.
 * The hub finds a contract by any of its versions' portal ids ({@code portalId}, {@code rootId}: the lookup terms).
 */
public final class ProcurementSource implements SourceSystem {
    public static final String ID = "procurement";
    public static final String ROLE = "EVENT_PROVIDER";
    public static final String CONTRACT_REGISTERED = "CONTRACT_REGISTERED";
    /** Roles besides the source's own that import files of the portal's records. */
    public static final Set<String> IMPORT_ROLES = Set.of("TREASURY", "BACK_OFFICE");
    public static final List<RecordImport> IMPORTS = List.of(
            new RecordImport("contracts", IMPORT_ROLES, "the portal's contracts (full records, with ContractUnits and"
                    + " TreasuryPay when present) and journal deletions: a list response {total, limit, next_page, items},"
                    + " one record, or an array of records"),
            new RecordImport("acts", IMPORT_ROLES, "the portal's acts of completed work (/v3/acts): a list response, one"
                    + " record, or an array of records"),
            new RecordImport("treasury-pay", IMPORT_ROLES, "the portal's Treasury registrations and payments"
                    + " (/v3/treasury-pay): a list response, one record, or an array of records"),
            new RecordImport(ProjectImports.PROJECTS, Set.of("TREASURY", "ISSUER"), "a project's rules for its contract tree"
                    + " (docs/contract-marking.md): {project, name, rootContract, depth, levels:[{level, admits, cashOutPercent}]}"),
            new RecordImport(ProjectImports.SUBCONTRACTS, Set.of("TAXPAYER"), "a subcontract declared by its parent contract's"
                    + " recipient (a taxpayer's system bound to its party): {project, parent, contract, supplierBin,"
                    + " supplierAccount, sum, validTo?}"));
    public static final String PROJECT_DEFINED = "PROJECT_DEFINED";

    private final BatchTranslator translator;
    private final SourcePoller poller;
    private final long maxBytes;
    private final Transports transports;
    private final List<RegistryCheck> checks = List.of(new AlreadyRegisteredCheck(), new ContractVersionCheck());

    /**
     * @param poller       the reader of the portal, or null when no portal is configured (imports and the intake only)
     * @param pollInterval how often the hub polls it (used only with a poller)
     */
    public ProcurementSource(ProcurementTranslator translator, SourcePoller poller, Duration pollInterval) {
        this(translator, new ProjectImports(() -> ProcurementTranslator.NOTHING_REGISTERED), poller, pollInterval);
    }

    /** With the imports of a project's tree, which read the hub's registered facts like the portal's records do. */
    public ProcurementSource(ProcurementTranslator translator, ProjectImports projects, SourcePoller poller, Duration pollInterval) {
        this.maxBytes = translator.maxBytes();
        this.translator = new BatchTranslator() {
            @Override
            public Batch translateBatch(byte[] body, java.util.Map<String, String> headers) {
                return ProjectImports.takes(headers == null ? null : headers.get(kz.digitaltenge.canonical.source.SourceHeaders.IMPORT))
                        ? projects.translateBatch(body, headers) : translator.translateBatch(body, headers);
            }
        };
        this.poller = poller;
        this.transports = new Transports(null, null, poller == null ? null : pollInterval);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public Set<String> factTypes() {
        return Set.of(CONTRACT_REGISTERED, PROJECT_DEFINED);
    }

    @Override
    public Transports transports() {
        return transports;
    }

    /** The portal's own format is JSON, so a JSON body is always translated (never read as a canonical message). */
    @Override
    public SourceTranslator translator() {
        return translator;
    }

    /** A list file of the portal may be larger than an API request (the hub's limit stays for other JSON). */
    @Override
    public long maxMessageBytes() {
        return maxBytes;
    }

    @Override
    public SourcePoller poller() {
        return poller;
    }

    @Override
    public List<RecordImport> imports() {
        return IMPORTS;
    }

    @Override
    public Set<String> lookupTerms() {
        // a child contract is found by its parent (the room left under a parent: its children's sums)
        return Set.of(ContractTerms.PORTAL_ID, ContractTerms.ROOT_ID, "parent");
    }

    /** A message that restates its contract's fact is UNCHANGED; one computed from an outdated version is refused. */
    @Override
    public List<RegistryCheck> checks() {
        return checks;
    }
}
