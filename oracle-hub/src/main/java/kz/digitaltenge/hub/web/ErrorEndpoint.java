package kz.digitaltenge.hub.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import kz.digitaltenge.canonical.ReasonCode;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the servlet container ({@code /error}), replacing Boot's {@code BasicErrorController}: whatever
 * ends in {@code sendError} or an exception no handler took (Tomcat's own refusals included, once they reach the
 * application) answers the API's error shape, with a reason derived from the status and a fixed message. Never
 * Boot's {@code {"timestamp","status","error","path"}}, a whitelabel page, an exception's message, class name or
 * stack trace: those tell a prober what runs inside.
 */
@RestController
public class ErrorEndpoint implements ErrorController {
    /** Reason of a 5xx other than 503; like NOT_AUTHENTICATED an HTTP answer only, not a ledger {@link ReasonCode}. */
    public static final String INTERNAL = kz.digitaltenge.canonical.ReasonCode.INTERNAL.name();

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.resolve(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(reason(status), message(status)));
    }

    /** The reason an error status stands for (the statuses of oracle-hub/README.md "Errors", read backwards). */
    public static String reason(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> kz.digitaltenge.canonical.ReasonCode.NOT_AUTHENTICATED.name();
            case FORBIDDEN -> ReasonCode.NOT_AUTHORIZED.name();
            case NOT_FOUND -> ReasonCode.NOT_FOUND.name();
            case CONFLICT -> ReasonCode.CONFLICT.name();
            case PAYLOAD_TOO_LARGE, URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> ReasonCode.OVER_LIMIT.name();
            case SERVICE_UNAVAILABLE -> ReasonCode.UNAVAILABLE.name();
            default -> status.is5xxServerError() ? INTERNAL : ReasonCode.MALFORMED.name();
        };
    }

    private static String message(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is malformed (rejected before it reached an endpoint)";
            case NOT_FOUND -> "no such path";
            case UNAUTHORIZED -> "authenticate with HTTP Basic (an API user of the hub)";
            case FORBIDDEN -> "not admitted";
            default -> status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE
                    ? "the hub could not answer this request; it is logged" : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
