package kz.digitaltenge.hub.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.digitaltenge.hub.api.ApiError;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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
    private final ProducerTemplate producer;

    public EinvoiceIntakeController(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Operation(summary = "An invoice event: the InvoiceV2 invoice container (application/xml) with the registration number"
            + " and status the IS assigned; 202 with the fact id, or 422 with the reason code and the quarantine id")
    @PostMapping(path = "/api/einvoice/invoices", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> invoice(@RequestParam("registrationNumber") String registrationNumber,
                                          @RequestParam(name = "status", defaultValue = "CREATED") String status,
                                          @RequestBody(required = false) byte[] body, HttpServletRequest request, Authentication caller) {
        Set<String> roles = caller == null ? Set.of() : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a).collect(Collectors.toSet());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("caller", caller == null ? "anonymous" : caller.getName());
        headers.put("remoteAddress", request.getRemoteAddr());
        headers.put("registrationNumber", registrationNumber);
        headers.put("status", status);
        String signature = request.getHeader("X-Source-Signature");
        if (signature != null) {
            headers.put(FactIntake.SIGNATURE_HEADER, signature);
        }
        IntakeState state = new IntakeState(SOURCE, body == null ? new byte[0] : body,
                request.getContentType() == null ? MediaType.APPLICATION_XML_VALUE : request.getContentType(), headers, roles, false);
        IntakeResult r;
        try {
            r = producer.requestBody(FactPipelineRoutes.INTAKE, state, IntakeResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof SourceNotAuthorized refused) {
                return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError("NOT_AUTHORIZED", refused.getMessage()));
            }
            throw e;
        }
        return ResponseEntity.status(r.status() == IntakeResult.Status.QUARANTINED ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.ACCEPTED)
                .body(r);
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(RuntimeException.class)
    ResponseEntity<ApiError> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("UNAVAILABLE",
                "the invoice event was not accepted and must be sent again: " + e.getMessage()));
    }
}
