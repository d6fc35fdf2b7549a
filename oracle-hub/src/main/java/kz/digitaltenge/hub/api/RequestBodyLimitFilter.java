package kz.digitaltenge.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.ledger.ReasonCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies under {@code /api} at {@code hub.max-request-body} (256 KB by default): a declared
 * Content-Length above it is refused before reading with 413 OVER_LIMIT; a chunked body is counted while it
 * is read and refused the same way when it passes the cap.
 */
@Component
public class RequestBodyLimitFilter extends OncePerRequestFilter {
    /** Thrown by the counting stream; {@link ApiErrors} maps it to 413. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    private final long defaultLimit;
    private final long fileLimit;
    private final ObjectMapper json;

    public RequestBodyLimitFilter(HubProperties properties, ObjectMapper json) {
        this.defaultLimit = properties.getMaxRequestBody().toBytes();
        this.fileLimit = properties.getMaxFileBody().toBytes();
        this.json = json;
    }

    /**
     * Documents of source systems may be larger than API requests: a 1C file of payment orders (its reader caps
     * it at 10 MiB) and an e-invoice (1 MiB, the e-invoice reader's own cap, checked again there).
     */
    private long limitFor(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri.equals("/api/erp-1c/payment-orders") || uri.equals("/api/einvoice/invoices")) {
            return Math.max(defaultLimit, fileLimit);
        }
        return defaultLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), new ApiError(ReasonCode.OVER_LIMIT.name(),
                    "request body of " + declared + " bytes is larger than the limit of " + limit + " bytes"));
            return;
        }
        chain.doFilter(new Counting(request, limit), response);
    }

    private static final class Counting extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Counting(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    private void add(long n) throws IOException {
                        if (n > 0) {
                            count += n;
                            if (count > limit) {
                                throw new TooLarge(limit);
                            }
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            add(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        add(n);
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
