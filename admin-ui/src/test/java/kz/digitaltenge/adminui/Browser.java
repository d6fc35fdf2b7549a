package kz.digitaltenge.adminui;

import static kz.digitaltenge.adminui.Json.obj;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client (no test dependency):
 * navigate, evaluate JavaScript in the page, wait for a condition, take a screenshot. Test code.
 */
public final class Browser implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    /** The chromium binary, or null when none is installed. */
    public static String binary() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    public Browser(int width, int height) throws Exception {
        profile = Files.createTempDirectory("admin-ui-chromium");
        process = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String ws = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (ws == null && System.currentTimeMillis() < deadline) {
            String line = err.readLine();
            if (line == null) {
                break;
            }
            int i = line.indexOf("ws://");
            if (line.contains("DevTools listening") && i >= 0) {
                ws = line.substring(i).trim();
            }
        }
        if (ws == null) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not start its DevTools endpoint");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException e) {
                // closed
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        URI browserUri = URI.create(ws);
        String http = "http://" + browserUri.getHost() + ":" + browserUri.getPort();
        HttpClient client = HttpClient.newHttpClient();
        String pageWs = null;
        for (int tries = 0; tries < 50 && pageWs == null; tries++) {
            String list = client.send(HttpRequest.newBuilder(URI.create(http + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (Object o : (List<?>) Json.parse(list)) {
                Map<?, ?> target = (Map<?, ?>) o;
                if ("page".equals(target.get("type"))) {
                    pageWs = (String) target.get("webSocketDebuggerUrl");
                }
            }
            if (pageWs == null) {
                Thread.sleep(100);
            }
        }
        socket = client.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).get(10, TimeUnit.SECONDS);
        send("Emulation.setDeviceMetricsOverride", obj("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        send("Page.enable", obj());
        send("Runtime.enable", obj());
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                @SuppressWarnings("unchecked")
                Map<String, Object> msg = (Map<String, Object>) Json.parse(buffer.toString());
                buffer.setLength(0);
                Object id = msg.get("id");
                if (id instanceof Number n) {
                    CompletableFuture<Map<String, Object>> f = pending.remove(n.longValue());
                    if (f != null) {
                        f.complete(msg);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> send(String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(Json.write(obj("id", id, "method", method, "params", params)), true).get(10, TimeUnit.SECONDS);
        Map<String, Object> answer = f.get(30, TimeUnit.SECONDS);
        if (answer.get("error") != null) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return (Map<String, Object>) answer.get("result");
    }

    public void navigate(String url) throws Exception {
        send("Page.navigate", obj("url", url));
    }

    /** Evaluates an expression (promises awaited) and returns its JSON value; a thrown error fails. */
    @SuppressWarnings("unchecked")
    public Object eval(String expression) throws Exception {
        Map<String, Object> r = send("Runtime.evaluate", obj("expression", expression, "awaitPromise", true, "returnByValue", true,
                "userGesture", true));
        if (r.get("exceptionDetails") != null) {
            Map<String, Object> d = (Map<String, Object>) r.get("exceptionDetails");
            Object ex = d.get("exception");
            throw new IllegalStateException("JS: " + (ex instanceof Map<?, ?> m ? m.get("description") : d.get("text")) + "\n in: " + expression);
        }
        Map<String, Object> result = (Map<String, Object>) r.get("result");
        return result.get("value");
    }

    public String text(String expression) throws Exception {
        Object v = eval(expression);
        return v == null ? null : String.valueOf(v);
    }

    public boolean truthy(String expression) throws Exception {
        Object v;
        try {
            v = eval("Boolean(" + expression + ")");
        } catch (IllegalStateException e) {
            return false;
        }
        return Boolean.TRUE.equals(v);
    }

    /** Waits until the expression is truthy in the page (10 s), else fails with what it was waiting for. */
    public void waitFor(String expression) throws Exception {
        waitFor(expression, Duration.ofSeconds(10));
    }

    public void waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (truthy(expression)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for: " + expression + "\nbody: " + text("document.body.innerText.slice(0, 1500)"));
    }

    public static void sleep(BooleanSupplier until, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!until.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    public void screenshot(Path file, boolean fullPage) throws Exception {
        Map<String, Object> params = obj("format", "png");
        if (fullPage) {
            params.put("captureBeyondViewport", true);
            Map<String, Object> m = send("Page.getLayoutMetrics", obj());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) (m.get("cssContentSize") != null ? m.get("cssContentSize") : m.get("contentSize"));
            double width = Math.max(((Number) size.get("width")).doubleValue(), ((Number) eval("window.innerWidth")).doubleValue());
            params.put("clip", obj("x", 0, "y", 0, "width", width,
                    "height", Math.min(6000, ((Number) size.get("height")).doubleValue()), "scale", 1));
        }
        Map<String, Object> r = send("Page.captureScreenshot", params);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) r.get("data")));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        // Chromium's own children (renderer, network service) write into the profile too: stop them with it
        java.util.List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        deleteProfile(profile);
    }

    /**
     * Deletes a browser profile; a file that vanishes meanwhile (a straggler Chromium process tidying up) is not a
     * failure of the tests, and a profile left in the temp directory is harmless.
     */
    static void deleteProfile(Path profile) {
        try (var s = Files.walk(profile)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temp dir left behind
        }
    }
}
