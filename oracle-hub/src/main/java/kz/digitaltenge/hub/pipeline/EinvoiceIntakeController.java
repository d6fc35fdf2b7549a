package kz.digitaltenge.hub.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.digitaltenge.hub.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoice events of the e-invoice IS over HTTP: the InvoiceV2 invoice container as sent, with the registration
 * number and status the IS assigned. The body goes through the fact pipeline as source {@code einvoice}, whose
 * {@code intake-translate} step is {@code routes-einvoice}; the original bytes are what the quarantine keeps.
 */
@RestController
@Tag(name = "einvoice", description = "invoice events of the e-invoice IS (ESF)")
public class EinvoiceIntakeController {
    public static final String SOURCE = "einvoice";
    private final IntakeController intake;

    public EinvoiceIntakeController(IntakeController intake) {
        this.intake = intake;
    }

    @Operation(summary = "An invoice event: the InvoiceV2 invoice container (application/xml) with the registration number"
            + " and status the IS assigned; 202 with the fact id, or 422 with the reason code and the quarantine id")
    @PostMapping(path = "/api/einvoice/invoices", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> invoice(@RequestParam("registrationNumber") String registrationNumber,
                                          @RequestParam(name = "status", defaultValue = "CREATED") String status,
                                          @RequestBody(required = false) byte[] body, HttpServletRequest request, Authentication caller) {
        Map<String, String> stated = new LinkedHashMap<>();
        stated.put("registrationNumber", registrationNumber);
        stated.put("status", status);
        return intake.accept(SOURCE, body, request.getContentType() == null ? MediaType.APPLICATION_XML_VALUE : request.getContentType(),
                stated, request, caller);
    }

    /**
     * The pipeline could not finish (its store or the broker failed): nothing was acknowledged, so the source sends again.
     * The cause is logged; the answer names no internals.
     */
    @org.springframework.web.bind.annotation.ExceptionHandler(RuntimeException.class)
    ResponseEntity<ApiError> unavailable(RuntimeException e) {
        if (e instanceof kz.digitaltenge.canonical.LedgerException le && le.reason() != kz.digitaltenge.canonical.ReasonCode.UNAVAILABLE) {
            return ResponseEntity.status(kz.digitaltenge.hub.web.ApiErrors.status(le.reason())).body(new ApiError(le.reason().name(), le.getMessage()));
        }
        org.slf4j.LoggerFactory.getLogger(getClass()).warn("invoice event not accepted", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("UNAVAILABLE",
                "the invoice event was not accepted and must be sent again: " + kz.digitaltenge.hub.web.ApiErrors.UNAVAILABLE_MESSAGE));
    }
}
