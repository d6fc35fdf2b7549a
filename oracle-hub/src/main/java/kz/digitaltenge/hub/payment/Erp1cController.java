package kz.digitaltenge.hub.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import kz.digitaltenge.hub.security.CallerScope;
import kz.digitaltenge.hub.security.PartyScoped;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.routes.erp1c.ExchangeEncoding;
import kz.digitaltenge.routes.erp1c.StatementWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 1C: payment orders in ({@code 1CClientBankExchange} files or JSON), statements out. */
@RestController
@Tag(name = "erp-1c", description = "payment orders from 1C and statements back")
public class Erp1cController {
    private final Erp1cIntake intake;
    private final Statements statements;
    private final StatementWriter writer;
    private final kz.digitaltenge.ledger.registry.Registry registry;

    public Erp1cController(Erp1cIntake intake, Statements statements, StatementWriter writer,
                           kz.digitaltenge.ledger.registry.Registry registry) {
        this.registry = registry;
        this.intake = intake;
        this.statements = statements;
        this.writer = writer;
    }

    @Operation(summary = "A 1CClientBankExchange file of payment orders (cp1251 or UTF-8 as its Кодировка says): one result per"
            + " document (number, date, status, reason code and quarantine id if refused, the ledger transaction if executed);"
            + " 422 with the quarantine id when the file as a whole cannot be read")
    @PartyScoped("each order must be paid from the caller's own or its clients' accounts (else NOT_AUTHORIZED, not recorded)")
    @PostMapping(path = "/api/erp-1c/payment-orders", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Erp1cIntake.FileOutcome> file(@RequestBody(required = false) byte[] body,
                                                       @RequestHeader(name = "X-File-Name", required = false) String fileName,
                                                       Authentication caller) {
        Erp1cIntake.FileOutcome out = intake.file(body == null ? new byte[0] : body, fileName == null ? "upload" : fileName,
                scope(caller));
        return ResponseEntity.status("REJECTED".equals(out.status()) ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK).body(out);
    }

    @Operation(summary = "One payment order as JSON {number, date, amount, payerBin, payerAccount, payeeBin, payeeAccount,"
            + " purpose, invoice | contract, vat?}: its outcome")
    @PartyScoped("each order must be paid from the caller's own or its clients' accounts (else NOT_AUTHORIZED, not recorded)")
    @PostMapping(path = "/api/erp-1c/payment-orders", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PaymentOrders.Outcome> json(@RequestBody byte[] body, Authentication caller) {
        PaymentOrders.Outcome out = intake.json(body, scope(caller));
        return ResponseEntity.status(out.id() == null ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK).body(out);
    }

    @Operation(summary = "A statement of an account for a period (yyyy-MM-dd, Kazakhstan days) as a 1CClientBankExchange file,"
            + " Kazakh banks' variant, cp1251 unless encoding=UTF-8")
    @GetMapping(path = "/api/erp-1c/statements")
    @PartyScoped("a narrowed caller gets statements of its own or its clients' accounts only")
    public ResponseEntity<byte[]> statement(@RequestParam("account") String account, @RequestParam("from") String from,
                                            @RequestParam("to") String to,
                                            @RequestParam(name = "encoding", defaultValue = "Windows") String encoding,
                                            Authentication caller) {
        CallerScope scope = scope(caller);
        if (!scope.mayReadAccount(account)) {
            throw scope.absent("account " + account);
        }
        ExchangeEncoding enc = "UTF-8".equalsIgnoreCase(encoding) || "UTF8".equalsIgnoreCase(encoding)
                ? ExchangeEncoding.UTF_8 : ExchangeEncoding.WINDOWS_1251;
        byte[] text;
        try {
            text = writer.write(statements.statement(account, date(from, "from"), date(to, "to")), enc);
        } catch (IllegalArgumentException e) {
            // e.g. a name with Kazakh letters cp1251 cannot hold: the caller can ask for encoding=UTF-8
            throw new LedgerException(ReasonCode.UNSUPPORTED, "the statement cannot be written in " + enc.declaredName() + ": " + e.getMessage());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=" + enc.charset().name())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"kl_to_1c.txt\"")
                .body(text);
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
