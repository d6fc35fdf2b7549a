package kz.digitaltenge.hub.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import kz.digitaltenge.canonical.CanonicalMessage;
import java.util.Map;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.canonical.LedgerException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The fact pipeline (issue 4): one Camel route per step, each with a stable id —
 * {@code intake} → {@code intake-authenticate} → {@code intake-translate} → {@code intake-validate} → {@code intake-deduplicate} →
 * {@code intake-check} (rules against the registries) → {@code intake-sign} → {@code intake-store} → {@code intake-publish}. A failure in any step quarantines the
 * original bytes, headers, source, the id of the route that failed, the reason code and message (nothing is lost);
 * a caller that may not speak for the source is refused and nothing is stored. {@code intake-translate} hands a
 * source's own format to its route module ({@code direct:translate-<source>}, e.g. the e-invoice XML to
 * {@code routes-einvoice}); a source without such a route sends canonical messages (JSON) directly. During a replay from the
 * quarantine a failure is reported to the quarantine instead of quarantining a second copy.
 */
public class FactPipelineRoutes extends RouteBuilder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FactPipelineRoutes.class);
    public static final String INTAKE = "direct:intake";
    private static final String MESSAGE = "direct:intake-message";
    /**
     * The route a message is in when it fails, set by each step route (and by the translation to the route module's
     * id). Camel's own {@link Exchange#FAILURE_ROUTE_ID} is set by the error handler that handles the failure, which
     * is the {@code intake} route's, so it would name {@code intake} whatever step failed.
     */
    static final String STEP = "intake.step";

    private final FactIntake intake;
    private final Quarantine quarantine;
    private final String publishUri;
    private org.apache.camel.ProducerTemplate batchCalls;

    public FactPipelineRoutes(FactIntake intake, Quarantine quarantine, String publishUri) {
        this.intake = intake;
        this.quarantine = quarantine;
        this.publishUri = publishUri;
    }

    @Override
    public void configure() {
        from(INTAKE).routeId("intake")
                .onException(SourceNotAuthorized.class).handled(false).end()
                .onException(Exception.class).handled(true).process(this::quarantine).end()
                .to("direct:intake-authenticate")
                .to("direct:intake-translate")
                .choice()
                    .when(e -> state(e).batch != null).process(this::batch)
                    .otherwise().to(MESSAGE)
                .end();

        // one canonical message: a document's, or one of a batch's (each quarantined on its own)
        from(MESSAGE).routeId("intake-message")
                .onException(SourceNotAuthorized.class).handled(false).end()
                .onException(Exception.class).handled(true).process(this::quarantine).end()
                .to("direct:intake-validate")
                .to("direct:intake-deduplicate")
                .choice()
                    .when(e -> state(e).duplicate)
                        .to("direct:intake-react")
                        .setBody(e -> IntakeResult.of(state(e)))
                    .otherwise()
                        .to("direct:intake-check")
                        .choice()
                            // the source's check found it says what is registered: answered as that fact
                            .when(e -> state(e).unchanged).setBody(e -> IntakeResult.of(state(e)))
                            .otherwise()
                                .to("direct:intake-sign")
                                .to("direct:intake-store")
                                .to("direct:intake-publish")
                                .to("direct:intake-react")
                                .setBody(e -> IntakeResult.of(state(e)))
                        .end()
                .end();

        step("authenticate", intake::authenticate);
        from("direct:intake-translate").routeId("intake-translate").errorHandler(noErrorHandler())
                .setProperty(STEP, constant("intake-translate"))
                .process(this::translate);
        step("validate", intake::validate);
        step("deduplicate", intake::deduplicate);
        step("check", intake::checkRegistries);
        step("sign", intake::sign);
        step("store", intake::store);
        step("react", intake::react);
        from("direct:intake-publish").routeId("intake-publish").errorHandler(noErrorHandler())
                .setProperty(STEP, constant("intake-publish"))
                .process(e -> {
                    IntakeState s = state(e);
                    e.setProperty("intake.state", s);
                    e.getMessage().setBody(intake.published(s));
                    e.getMessage().setHeader("kafka.KEY", s.factId);
                })
                .to(publishUri)
                .process(e -> e.getMessage().setBody(e.getProperty("intake.state")));
    }

    private void step(String name, java.util.function.Consumer<IntakeState> work) {
        from("direct:intake-" + name).routeId("intake-" + name).errorHandler(noErrorHandler())
                .setProperty(STEP, constant("intake-" + name))
                .process(e -> work.accept(state(e)));
    }

    /**
     * The source's translation of the original bytes (headers as the source sent them) to its canonical messages; a
     * source that sends canonical JSON, and any body sent as JSON, goes straight to validation.
     */
    private void translate(Exchange e) {
        IntakeState s = state(e);
        SourceSystems.Declared source = intake.sources().find(s.source).orElseThrow();
        if (!Translation.applies(source.system(), s.contentType, s.body)) {
            return;
        }
        e.setProperty(STEP, Translation.routeId(s.source));
        s.translated = true;
        if (source.system().translator() instanceof kz.digitaltenge.canonical.source.BatchTranslator records) {
            kz.digitaltenge.canonical.source.BatchTranslator.Batch b = records.translateBatch(s.body, Translation.withContentType(s));
            e.setProperty(STEP, "intake-translate");
            if (b.rejected().isEmpty() && b.messages().isEmpty()) {
                throw new kz.digitaltenge.canonical.SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.SCHEMA_INVALID,
                        "the " + s.source + " file holds no record");
            }
            if (!b.rejected().isEmpty()) {
                s.rejected = quarantineRecords(s, b.rejected());
                s.batch = b.messages();
                s.batchLabels = b.labels();
                return;
            }
            if (b.messages().size() == 1 && !s.headers.containsKey(kz.digitaltenge.canonical.source.SourceHeaders.IMPORT)) {
                s.message = b.messages().get(0);
                s.labels = b.labelsOf(0);
            } else {
                // an import answers per record, a file of one record too
                s.batch = b.messages();
                s.batchLabels = b.labels();
            }
            return;
        }
        List<CanonicalMessage> messages = Translation.translate(source.system(), s.body, Translation.withContentType(s));
        e.setProperty(STEP, "intake-translate");
        if (messages.size() == 1) {
            s.message = messages.get(0);
        } else {
            s.batch = messages;
        }
    }

    /** Each message of a batch through the steps on its own; the answer lists each one's outcome, in order. */
    private void batch(Exchange e) {
        IntakeState s = state(e);
        if (batchCalls == null) {
            batchCalls = getContext().createProducerTemplate();
        }
        List<IntakeResult> results = new ArrayList<>();
        for (int i = 0; i < s.batch.size(); i++) {
            results.add(batchCalls.requestBody(MESSAGE, s.item(i), IntakeResult.class));
        }
        results.addAll(s.rejected);
        e.getMessage().setBody(IntakeResult.batch(results));
    }

    /**
     * Each record the translator refused, quarantined on its own with its record number and its own text, as a document
     * of the source's format (a retry translates it again as it came); the file's other records go on.
     */
    private List<IntakeResult> quarantineRecords(IntakeState s, List<kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord> records) {
        List<IntakeResult> out = new ArrayList<>();
        String file = s.headers.getOrDefault("fileName", "upload");
        for (kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord r : records) {
            Map<String, String> headers = new LinkedHashMap<>(s.headers);
            headers.put("record", r.record());
            headers.put("failedRoute", Translation.routeId(s.source));
            // a spreadsheet's row is kept as text (the module writes it as a one-row document of its text form)
            String type = s.contentType != null && s.contentType.contains("spreadsheetml") ? "text/csv; charset=UTF-8" : s.contentType;
            long id = quarantine.put(QuarantinedMessage.of(s.source, file + ":" + r.record(), Translation.routeId(s.source),
                    r.reason().name(), r.record() + ": " + r.message(), type, headers, r.original()));
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("record", r.record());
            labels.putAll(r.labels());
            out.add(IntakeResult.quarantined(id, r.reason().name(), r.record() + ": " + r.message(), labels));
        }
        return out;
    }

    private static IntakeState state(Exchange e) {
        return e.getMessage().getBody(IntakeState.class);
    }

    private void quarantine(Exchange e) {
        Throwable t = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = t instanceof IntakeFailure f ? f.reason()
                : t instanceof kz.digitaltenge.canonical.SourceMessageRejected r ? r.reason()
                : t instanceof LedgerException le ? le.reason().name() : kz.digitaltenge.canonical.ReasonCode.PROCESSING_ERROR.name();
        String message = t == null ? "unknown failure" : String.valueOf(t.getMessage());
        String failedRoute = e.getProperty(STEP, e.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), String.class);
        IntakeState s = e.getProperty("intake.state", IntakeState.class);
        if (s == null) {
            s = state(e);
        }
        try {
            intake.release(s);
        } catch (RuntimeException releaseFailed) {
            LOG.warn("message {} of {} keeps its claim on its id after failing: {}", s.message == null ? null
                    : s.message.sourceMessageId(), s.source, releaseFailed.getMessage());
        }
        if (s.replay) {
            e.getMessage().setBody(IntakeResult.quarantined(null, reason, message, s.labels));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(s.headers);
        headers.put("failedRoute", String.valueOf(failedRoute));
        long id = quarantine.put(QuarantinedMessage.of(s.source, s.message == null ? null : s.message.sourceMessageId(),
                failedRoute, reason, message, s.contentType, headers, s.body));
        e.getMessage().setBody(IntakeResult.quarantined(id, reason, message, s.labels));
    }
}
