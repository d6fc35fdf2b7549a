package kz.digitaltenge.hub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.text.Text;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge of every {@code /api} request body, before anything reads or stores it:
 * <ul>
 *   <li>a cap by what the body is: {@code hub.max-request-body} (256 KB) for JSON and every API request, what a
 *       source's translator takes for its own documents ({@code SourceSystem.maxMessageBytes()}: the e-invoice reader's
 *       1 MiB for invoice XML; a source's record import, JSON too: the procurement portal's list files),
 *       {@code hub.max-file-body} (10 MB) for files of payment orders (1C). A declared
 *       Content-Length above it is refused before reading with 413 OVER_LIMIT; a chunked body is counted while it is
 *       read and refused the same way when it passes the cap;</li>
 *   <li>the body is always the bytes sent: the hub takes no HTML forms, so a body sent as
 *       {@code application/x-www-form-urlencoded} (curl's default) is presented as {@code application/octet-stream}
 *       and never parsed into parameters (which would rebuild, and lose, a 1C file); parameters come from the query
 *       string only. The declared type is kept in {@link #DECLARED_CONTENT_TYPE};</li>
 *   <li>{@code multipart/*} is refused with 415 and a reason: send the document itself as the body.</li>
 * </ul>
 */
@Component
public class RequestBodyLimitFilter extends OncePerRequestFilter {
    /** Thrown by the counting stream; {@link ApiErrors} maps it to 413. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    /** Request attribute: the Content-Type the client declared, when the edge presented the body otherwise. */
    public static final String DECLARED_CONTENT_TYPE = "hub.declaredContentType";
    private final long defaultLimit;
    private final long fileLimit;
    private final ObjectMapper json;

    private final org.springframework.beans.factory.ObjectProvider<SourceBodyLimits> sources;

    public RequestBodyLimitFilter(HubProperties properties, ObjectMapper json,
                                  org.springframework.beans.factory.ObjectProvider<SourceBodyLimits> sources) {
        this.sources = sources;
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
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        String[] parts = uri.split("/", -1); // "", "api", <first>, <second>
        SourceBodyLimits known = parts.length == 4 ? sources.getIfAvailable() : null;
        if (known != null && known.imports(parts[2], parts[3])) {
            // a file of the source's own records (the procurement portal's list responses are JSON): its translator's cap
            return Math.max(defaultLimit, known.documentLimit(parts[2]));
        }
        if (type.contains("json")) {
            return defaultLimit; // a JSON order or message is an API request whatever the path
        }
        if (known == null) {
            return defaultLimit;
        }
        if ("payment-orders".equals(parts[3])) {
            // a file of payment orders, up to the hub's file cap (the source's reader applies its own cap too)
            return known.sendsPaymentOrders(parts[2]) ? Math.max(defaultLimit, fileLimit) : defaultLimit;
        }
        // a source's own documents, up to what its translator takes (the e-invoice reader's 1 MiB); the e-invoice IS
        // also posts to its older path /api/einvoice/invoices
        String source = "intake".equals(parts[2]) ? parts[3] : "invoices".equals(parts[3]) ? parts[2] : null;
        return source == null ? defaultLimit : Math.max(defaultLimit, known.documentLimit(source));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/")) {
            refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ReasonCode.MALFORMED, "the hub takes no multipart forms: send"
                    + " the document or JSON itself as the body (curl --data-binary @file), with its own Content-Type");
            return;
        }
        Counting wrapped = new Counting(request, limitFor(request), type.startsWith("application/x-www-form-urlencoded"));
        try {
            for (Map.Entry<String, String[]> p : wrapped.getParameterMap().entrySet()) {
                Text.require(Text.Field.QUERY_PARAMETER, "a query parameter's name", p.getKey());
                for (String value : p.getValue()) {
                    Text.optional(Text.Field.QUERY_PARAMETER, "query parameter '" + p.getKey() + "'", value);
                }
            }
        } catch (LedgerException e) {
            refuse(response, HttpStatus.BAD_REQUEST, e.reason(), e.getMessage());
            return;
        }
        long limit = wrapped.limit;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, ReasonCode.OVER_LIMIT,
                    "request body of " + declared + " bytes is larger than the limit of " + limit + " bytes for this kind of body");
            return;
        }
        chain.doFilter(wrapped, response);
    }

    private void refuse(HttpServletResponse response, HttpStatus status, ReasonCode reason, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), new ApiError(reason.name(), message));
    }

    private static final class Counting extends HttpServletRequestWrapper {
        private final long limit;
        private final boolean form;
        private final java.util.Map<String, String[]> queryParameters;
        private ServletInputStream stream;

        Counting(HttpServletRequest request, long limit, boolean form) {
            super(request);
            this.limit = limit;
            this.form = form;
            this.queryParameters = queryParameters(request.getQueryString());
            if (form) {
                request.setAttribute(DECLARED_CONTENT_TYPE, request.getContentType());
            }
        }

        @Override
        public String getContentType() {
            return form ? MediaType.APPLICATION_OCTET_STREAM_VALUE : super.getContentType();
        }

        @Override
        public String getHeader(String name) {
            return form && "content-type".equalsIgnoreCase(name) ? MediaType.APPLICATION_OCTET_STREAM_VALUE : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return form && "content-type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(MediaType.APPLICATION_OCTET_STREAM_VALUE)) : super.getHeaders(name);
        }

        // parameters come from the query string only: a body is never parsed as a form
        @Override
        public String getParameter(String name) {
            String[] v = queryParameters.get(name);
            return v == null ? null : v[0];
        }

        @Override
        public java.util.Map<String, String[]> getParameterMap() {
            return queryParameters;
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return java.util.Collections.enumeration(queryParameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] v = queryParameters.get(name);
            return v == null ? null : v.clone();
        }

        private static java.util.Map<String, String[]> queryParameters(String query) {
            java.util.Map<String, java.util.List<String>> found = new java.util.LinkedHashMap<>();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    found.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
                }
            }
            java.util.Map<String, String[]> out = new java.util.LinkedHashMap<>();
            found.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
            return java.util.Collections.unmodifiableMap(out);
        }

        private static String decode(String s) {
            try {
                return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s; // a malformed escape stays as sent; the handler's own checks refuse the value
            }
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
