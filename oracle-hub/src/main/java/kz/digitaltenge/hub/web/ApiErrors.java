package kz.digitaltenge.hub.web;

import java.util.Map;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every refusal into {@link ApiError} with an HTTP status chosen by its {@link ReasonCode}; the table
 * is in oracle-hub/README.md. The reason codes are the contract, the statuses follow them.
 */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** HTTP status of each reason code. */
    public static final Map<ReasonCode, HttpStatus> STATUS = Map.ofEntries(
            Map.entry(ReasonCode.MALFORMED, HttpStatus.BAD_REQUEST),
            Map.entry(ReasonCode.INVALID_IDENTIFIER, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.INVALID_STRUCTURE, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.OVER_LIMIT, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.UNKNOWN_ACCOUNT, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.UNKNOWN_INPUT, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.ALREADY_SPENT, HttpStatus.CONFLICT),
            Map.entry(ReasonCode.INPUT_RESERVED, HttpStatus.CONFLICT),
            Map.entry(ReasonCode.BAD_SIGNATURE, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.UNBALANCED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.NOT_AUTHORIZED, HttpStatus.FORBIDDEN),
            Map.entry(ReasonCode.UNSUPPORTED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.CONFLICT, HttpStatus.CONFLICT),
            Map.entry(ReasonCode.NOT_FOUND, HttpStatus.NOT_FOUND),
            Map.entry(ReasonCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry(ReasonCode.INVALID_FACT, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.MARKING_VIOLATION, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.LIMIT_EXCEEDED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.EXPIRED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.HELD, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.WRONG_ACCOUNT_KIND, HttpStatus.UNPROCESSABLE_ENTITY),
            // the intake's and the payments' codes: a quarantined message or a refused order is answered 422
            Map.entry(ReasonCode.SCHEMA_INVALID, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE),
            Map.entry(ReasonCode.BAD_ENCODING, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.UNSAFE_XML, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.TRUNCATED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.NOT_AUTHENTICATED, HttpStatus.UNAUTHORIZED),
            Map.entry(ReasonCode.BUSINESS_RULE, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.INCOMPLETE, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.UNKNOWN_REFERENCE, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.DUPLICATE_DIFFERENT_CONTENT, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.INSUFFICIENT_FUNDS, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.TOO_FRAGMENTED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.DECLINED_BY_BANK, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.DOCUMENTS_REFUSED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.OUTBOUND_FAILED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.REPLAY_ERROR, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.PROCESSING_ERROR, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(ReasonCode.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR));

    public static HttpStatus status(ReasonCode reason) {
        return STATUS.getOrDefault(reason, HttpStatus.UNPROCESSABLE_ENTITY);
    }

    /** What a client is told when the hub's store or cluster failed: the cause is logged, never answered. */
    public static final String UNAVAILABLE_MESSAGE = "the hub could not complete the request (its store or cluster is"
            + " unavailable); nothing was changed by the failed step: send it again";

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ApiError> ledger(LedgerException e) {
        if (e.reason() == ReasonCode.UNAVAILABLE) {
            LOG.warn("ledger unavailable: {}", e.getMessage(), e.getCause());
            return of(status(e.reason()), e.reason().name(), UNAVAILABLE_MESSAGE);
        }
        return of(status(e.reason()), e.reason().name(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RequestBodyLimitFilter.TooLarge tooLarge) {
                return of(HttpStatus.PAYLOAD_TOO_LARGE, ReasonCode.OVER_LIMIT.name(), tooLarge.getMessage());
            }
            if (c instanceof LedgerException le) {
                return ledger(le);
            }
        }
        return of(HttpStatus.BAD_REQUEST, ReasonCode.MALFORMED.name(), "the request body is not valid JSON of the expected shape: "
                + JsonProblem.describe(e.getMostSpecificCause()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return of(HttpStatus.BAD_REQUEST, ReasonCode.MALFORMED.name(), "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return of(HttpStatus.BAD_REQUEST, ReasonCode.MALFORMED.name(), "'" + e.getName() + "' is not a valid value here");
    }

    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ApiError> missingPath(MissingPathVariableException e) {
        return of(HttpStatus.BAD_REQUEST, ReasonCode.MALFORMED.name(), "the path lacks '" + e.getVariableName() + "'");
    }

    /**
     * Whatever else failed answers the API's shape, never a stack trace or an internal name: the detail is in the log
     * under the incident id the answer names.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        String incident = java.util.UUID.randomUUID().toString();
        LOG.error("request failed unexpectedly (incident {})", incident, e);
        return of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorEndpoint.INTERNAL, "the hub failed on this request; the operator finds it"
                + " in the log as incident " + incident);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ReasonCode.MALFORMED.name(), "send Content-Type: application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return of(HttpStatus.NOT_ACCEPTABLE, ReasonCode.MALFORMED.name(), "the API answers application/json only");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return of(HttpStatus.METHOD_NOT_ALLOWED, ReasonCode.MALFORMED.name(), e.getMethod() + " is not served here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return of(HttpStatus.NOT_FOUND, ReasonCode.NOT_FOUND.name(), "no such path: /" + e.getResourcePath());
    }

    private static ResponseEntity<ApiError> of(HttpStatus status, String reason, String message) {
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(new ApiError(reason, message));
    }
}
