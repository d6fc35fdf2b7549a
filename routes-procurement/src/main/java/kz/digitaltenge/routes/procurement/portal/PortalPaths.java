package kz.digitaltenge.routes.procurement.portal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a path the portal names ({@code next_page}, a journal item's {@code url}) or one of ours goes. Everything is
 * host-relative to the configured base: the portal writes keyset cursors such as
 * {@code /v3/contract?page=next&search_after=4996100}, and at least one of its {@code next_page}s lacks the {@code /v3}
 * prefix ({@code /lots?...}), so a path without it gets it. An absolute URL is accepted only on the base's own host and
 * port, and even then only its path is kept: a request, and with it the token, never goes anywhere but the base.
 */
final class PortalPaths {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final String API = "/v3";

    private final URI base;
    private final String basePath;

    PortalPaths(URI baseUrl) {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        this.base = baseUrl;
        this.basePath = path;
    }

    /**
     * The host-relative path and query ({@code /v3/...}) of what the portal named, or of one of our paths.
     *
     * @throws PortalUnavailable when it is empty or names another host
     */
    String relative(String pathOrUrl) {
        if (pathOrUrl == null || pathOrUrl.isBlank()) {
            throw new PortalUnavailable("the portal named an empty path to follow");
        }
        String text = encodeIllegal(withoutFragment(pathOrUrl.strip()));
        String path;
        if (text.startsWith("//") || SCHEME.matcher(text).find()) {
            path = sameHostPath(text.startsWith("//") ? base.getScheme() + ":" + text : text);
        } else {
            path = text.startsWith("/") ? text : "/" + text;
        }
        if (!(path.equals(API) || path.startsWith(API + "/") || path.startsWith(API + "?"))) {
            path = API + path;
        }
        return path;
    }

    /** The address of a host-relative path: always the base's scheme, host and port. */
    URI resolve(String relativePath) {
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + relativePath);
    }

    String host() {
        return base.getHost();
    }

    private String sameHostPath(String absolute) {
        URI uri;
        try {
            uri = URI.create(absolute);
        } catch (IllegalArgumentException e) {
            throw new PortalUnavailable("the portal named a URL that cannot be read: " + shortened(absolute));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (!web || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(base.getHost())
                || effectivePort(uri) != effectivePort(base)) {
            throw new PortalUnavailable("the portal named " + shortened(scheme + "://" + uri.getRawAuthority())
                    + ", not its own host " + base.getRawAuthority() + "; not followed, so the token never leaves "
                    + base.getHost());
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!basePath.isEmpty() && path.startsWith(basePath + "/")) {
            path = path.substring(basePath.length());
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** A URL's port, where http's and https's defaults count as one (the request goes to the base in any case). */
    private static int effectivePort(URI uri) {
        return uri.getPort() == -1 || uri.getPort() == 80 || uri.getPort() == 443 ? -1 : uri.getPort();
    }

    private static String withoutFragment(String text) {
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    /** Percent-encodes what a URI may not hold as it is (spaces, Cyrillic, {@code |}), keeping what is encoded. */
    static String encodeIllegal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (legal(c)) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean legal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~:/?[]@!$&'()*+,;=%".indexOf(c) >= 0;
    }

    static String shortened(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
