package kz.digitaltenge.hub.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.payment.PaymentOrderFormat;
import kz.digitaltenge.hub.security.CallerScope;
import kz.digitaltenge.hub.security.PartyScoped;
import kz.digitaltenge.ledger.registry.Registry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment orders in and statements out, for every source that sends payment orders ({@code /api/<source>/...}; 1C is
 * {@code erp-1c}). The source's module reads its files and JSON and writes its statements; a source that sends no
 * payment orders answers 404 here.
 */
@RestController
@Tag(name = "erp-1c", description = "payment orders from an ERP (1C: source erp-1c) and statements back")
public class PaymentOrderController {
    private final PaymentOrderIntake intake;
    private final Statements statements;
    private final Registry registry;

    public PaymentOrderController(PaymentOrderIntake intake, Statements statements, Registry registry) {
        this.registry = registry;
        this.intake = intake;
        this.statements = statements;
    }

    @Operation(summary = "A file of payment orders in the source's format (1C: a 1CClientBankExchange file, cp1251 or UTF-8 as"
            + " its Кодировка says): one result per document (number, date, status, reason code and quarantine id if refused,"
            + " the ledger transaction if executed); 422 with the quarantine id when the file as a whole cannot be read")
    @PartyScoped("each order must be paid from the caller's own or its clients' accounts (else NOT_AUTHORIZED, not recorded)")
    @PostMapping(path = "/api/{source}/payment-orders", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PaymentOrderIntake.FileOutcome> file(@Parameter(example = "erp-1c") @PathVariable("source") String source,
                                                              @RequestBody(required = false) byte[] body,
                                                              @RequestHeader(name = "X-File-Name", required = false) String fileName,
                                                              Authentication caller) {
        PaymentOrderIntake.FileOutcome out = intake.file(source, body == null ? new byte[0] : body,
                fileName == null ? "upload" : fileName, scope(caller));
        return ResponseEntity.status("REJECTED".equals(out.status()) ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK).body(out);
    }

    @Operation(summary = "One payment order as JSON {number, date, amount, payerBin, payerAccount, payeeBin, payeeAccount,"
            + " purpose, invoice | contract, vat?}: its outcome")
    @PartyScoped("each order must be paid from the caller's own or its clients' accounts (else NOT_AUTHORIZED, not recorded)")
    @PostMapping(path = "/api/{source}/payment-orders", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PaymentOrders.Outcome> json(@Parameter(example = "erp-1c") @PathVariable("source") String source,
                                                      @RequestBody byte[] body, Authentication caller) {
        PaymentOrders.Outcome out = intake.json(source, body, scope(caller));
        return ResponseEntity.status(out.id() == null ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK).body(out);
    }

    @Operation(summary = "A statement of an account for a period (yyyy-MM-dd, Kazakhstan days) in the source's format"
            + " (1C: a 1CClientBankExchange file, Kazakh banks' variant, cp1251 unless encoding=UTF-8)")
    @GetMapping(path = "/api/{source}/statements")
    @PartyScoped("a narrowed caller gets statements of its own or its clients' accounts only")
    public ResponseEntity<byte[]> statement(@Parameter(example = "erp-1c") @PathVariable("source") String source,
                                            @RequestParam("account") String account, @RequestParam("from") String from,
                                            @RequestParam("to") String to,
                                            @RequestParam(name = "encoding", required = false) String encoding,
                                            Authentication caller) {
        PaymentOrderFormat format = intake.format(source);
        CallerScope scope = scope(caller);
        if (!scope.mayReadAccount(account)) {
            throw scope.absent("account " + account);
        }
        PaymentOrderFormat.WrittenStatement text;
        try {
            text = format.writeStatement(statements.statement(account, date(from, "from"), date(to, "to")), encoding);
        } catch (SourceMessageRejected e) {
            throw new LedgerException(e.code(), e.getMessage());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=" + text.charset().name())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + text.fileName() + "\"")
                .body(text.bytes());
    }

    private static LocalDate date(String text, String name) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new LedgerException(ReasonCode.MALFORMED, name + " must be a date yyyy-MM-dd, not '" + text + "'");
        }
    }

    private CallerScope scope(Authentication caller) {
        return CallerScope.of(caller, registry);
    }
}
