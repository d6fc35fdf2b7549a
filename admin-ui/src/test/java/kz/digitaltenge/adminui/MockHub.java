package kz.digitaltenge.adminui;

import static kz.digitaltenge.adminui.Json.obj;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A stand-in for the hub's admin API with canned data, on the loopback only, for looking at the workstation in a
 * browser before (or without) the real hub: the same paths, cookies (session, XSRF-TOKEN checked on POST/PUT) and
 * error shape. Test code; it holds no rule of the hub beyond what a screen needs to show something.
 *
 * <p>Run: {@code java -cp target/test-classes kz.digitaltenge.adminui.MockHub 18610 [autoLoginUser]}.
 */
public final class MockHub implements AutoCloseable {
    record User(String password, List<String> roles, List<String> screens) {
    }

    static final Map<String, User> USERS = Map.of(
            "backoffice", new User("demo-backoffice", List.of("BACK_OFFICE"), List.of("exceptions", "flows", "payments", "invoices", "audit")),
            "bank", new User("demo-bank", List.of("BANK"), List.of("payments", "invoices")),
            "treasury", new User("demo-treasury", List.of("TREASURY"), List.of("flows", "events", "contracts", "tree")),
            "issuer", new User("demo-issuer", List.of("ISSUER"), List.of("flows", "events", "contracts", "tree")),
            "auditor", new User("demo-auditor", List.of("AUDITOR"), List.of("exceptions", "flows", "payments", "invoices", "events", "contracts", "tree", "audit")),
            "admin", new User("demo-admin", List.of("ADMIN"), List.of("exceptions", "flows", "payments", "invoices", "events", "contracts", "tree", "audit")));

    private final HttpServer server;
    private final String autoLogin;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> languages = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> messages = new LinkedHashMap<>();
    private final Map<Long, byte[]> bodies = new HashMap<>();
    private final List<Map<String, Object>> audit = new ArrayList<>();
    private final Map<String, Map<String, Object>> payments = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> jobs = new HashMap<>();
    private long nextId = 1;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public MockHub(int port, String autoLogin) throws IOException {
        this.autoLogin = autoLogin;
        seed();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
    }

    public MockHub start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18610;
        MockHub hub = new MockHub(port, args.length > 1 ? args[1] : null).start();
        System.out.println("mock hub on " + hub.baseUrl() + "/admin/");
        Thread.currentThread().join();
    }

    // ------------------------------------------------------------------ data

    private static final String ONE_C = String.join("\r\n",
            "1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=Windows", "Отправитель=Бухгалтерия предприятия",
            "СекцияДокумент=Платежное поручение", "Номер=118", "Дата=05.03.2025", "Сумма=150000.00",
            "ПлательщикИИК=KZ86125KZT5004100100", "Плательщик=ТОО «Ромашка»", "ПолучательИИК=KZ75125KZT2069100100",
            "Получатель=ИП Әлібек Қасымұлы", "НазначениеПлатежа=Оплата по счёт-фактуре ЭСФ-000123, в т.ч. НДС 12%",
            "КонецДокумента", "КонецФайла");

    private void seed() {
        add("erp-1c", "118.txt", "erp-1c-payment-orders", "MALFORMED", "line 9: ПлательщикИИК is not a valid IIK",
                "text/plain; charset=windows-1251", ONE_C.getBytes(Charset.forName("windows-1251")), 40);
        add("erp-1c", "119.txt", "erp-1c-payment-orders", "NOT_FOUND", "invoice ЭСФ-000124 is not registered",
                "text/plain; charset=IBM866", ONE_C.replace("118", "119").replace("000123", "000124").getBytes(Charset.forName("IBM866")), 39);
        add("einvoice", "ESF-2025-000777", "einvoice-intake", "INVALID_SIGNATURE", "the signature does not verify against the tax authority key",
                "application/json", "{\"registrationNumber\":\"ESF-2025-000777\",\"sellerTin\":\"140240012345\",\"buyerTin\":\"980540001234\",\"currency\":\"KZT\",\"net\":\"1000000.00\",\"vat\":\"120000.00\",\"gross\":\"1120000.00\",\"lines\":[{\"name\":\"Цемент М400\",\"qty\":20,\"price\":\"50000.00\"}]}".getBytes(StandardCharsets.UTF_8), 35);
        add("procurement", "TN-5521", "procurement-intake", "MALFORMED", "tender notice: <amount> is missing",
                "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><tender><number>TN-5521</number><buyer>Әкімдік</buyer><lots><lot n=\"1\"><name>Асфальт</name></lot></lots></tender>".getBytes(StandardCharsets.UTF_8), 30);
        add("livestock", "BIN-77", "livestock-kafka", "UNKNOWN", "unreadable frame", "application/octet-stream",
                new byte[] {0x1f, (byte) 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, (byte) 0xcb, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0, 0x0a, 0x0c, 0x20}, 25);
        String[] sources = {"subsidy", "livestock", "procurement"};
        String[] reasons = {"MALFORMED", "LIMIT_EXCEEDED", "NOT_FOUND", "DUPLICATE"};
        for (int k = 0; k < 115; k++) {
            String src = sources[k % 3];
            String reason = reasons[k % 4];
            add(src, src.toUpperCase(Locale.ROOT) + "-" + (1000 + k), src + "-intake", reason, reason.toLowerCase(Locale.ROOT).replace('_', ' ') + " in message " + k,
                    "application/json", ("{\"event\":\"" + src + "-" + k + "\",\"amount\":\"" + (k * 1000 + 500) + ".00\",\"recipient\":\"KZ7512500000" + k + "\"}").getBytes(StandardCharsets.UTF_8), 20 - k * 0.15);
        }
        String[][] p = {
            {"1", "118", "AWAITING_CONFIRMATION", "INVOICE", "ESF-2025-000123", "150000.00", "133928.57", "16071.43"},
            {"2", "120", "AWAITING_CONFIRMATION", "CONTRACT", "DG-2025/17", "1000000.00", "892857.14", "107142.86"},
            {"3", "121", "AWAITING_CONFIRMATION", "INVOICE", "ESF-2025-000130", "2500.50", "2232.59", "267.91"},
            {"4", "101", "EXECUTED", "INVOICE", "ESF-2025-000099", "75000.00", "66964.29", "8035.71"},
            {"5", "102", "REFUSED", "INVOICE", "ESF-2025-000100", "12.00", "10.71", "1.29"},
            {"6", "103", "DECLINED", "CONTRACT", "DG-2025/11", "999999999.99", "892857142.85", "107142857.14"},
        };
        for (String[] r : p) {
            payments.put(r[0], obj("id", r[0], "number", r[1], "date", "2025-03-05", "status", r[2], "referenceKind", r[3],
                    "reference", r[4], "amount", r[5], "net", r[6], "vat", r[7], "reasonCode", r[2].equals("REFUSED") ? "LIMIT_EXCEEDED" : null,
                    "message", r[2].equals("REFUSED") ? "the contract's transfer limit is used up" : null,
                    "transactionId", r[2].equals("EXECUTED") ? "9f2c4e1a7b3d5e6f00112233445566778899aabbccddeeff0011223344556677" : null,
                    "quarantineId", r[2].equals("REFUSED") ? 1L : null, "updatedAt", now.minusSeconds(3600L * Integer.parseInt(r[0])).toString()));
        }
    }

    private void add(String source, String sourceId, String route, String reason, String message, String contentType, byte[] body, double hoursAgo) {
        long id = nextId++;
        Instant at = now.minusSeconds((long) (hoursAgo * 3600));
        messages.put(id, obj("id", id, "receivedAt", at.toString(), "sourceSystem", source, "sourceMessageId", sourceId,
                "routeId", route, "reasonCode", reason, "reasonMessage", message, "contentType", contentType, "size", body.length,
                "status", "QUARANTINED", "retryOf", null, "retriedAs", null, "producedRef", null, "resolutionNote", null,
                "attempts", 1, "updatedAt", at.toString()));
        bodies.put(id, body);
        log("quarantine", String.valueOf(id), "hub", "QUARANTINED", reason + ": " + message, at);
    }

    private void log(String type, String target, String actor, String action, String detail, Instant at) {
        audit.add(obj("id", (long) audit.size() + 1, "at", at.toString(), "actor", actor, "action", action, "targetType", type,
                "targetId", target, "detail", detail));
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        int i = ct.indexOf("charset=");
        if (i >= 0) {
            String cs = contentType.substring(i + 8).trim();
            return cs.equalsIgnoreCase("IBM866") ? "ibm866" : cs;
        }
        return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") ? "UTF-8" : null;
    }

    private Map<String, Object> view(long id) {
        Map<String, Object> m = new LinkedHashMap<>(messages.get(id));
        byte[] body = bodies.get(id);
        String cs = charsetOf((String) m.get("contentType"));
        m.put("headers", obj("CamelFileName", m.get("sourceMessageId"), "JMSCorrelationID", "corr-" + id, "X-Source", m.get("sourceSystem")));
        m.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        m.put("bodyText", cs == null ? null : new String(body, Charset.forName(cs)));
        m.put("charset", cs);
        return m;
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Map<String, String> cookies = cookies(ex);
            if (!cookies.containsKey("XSRF-TOKEN")) {
                ex.getResponseHeaders().add("Set-Cookie", "XSRF-TOKEN=" + UUID.randomUUID() + "; Path=/");
            }
            if (method.equals("GET") && (path.equals("/admin") || path.equals("/"))) {
                ex.getResponseHeaders().add("Location", "/admin/");
                send(ex, 302, "text/plain", new byte[0]);
                return;
            }
            if (method.equals("GET") && path.startsWith("/admin/")) {
                file(ex, Assets.ADMIN, path.substring("/admin/".length()));
                return;
            }
            if (method.equals("GET") && path.startsWith("/test/")) {
                file(ex, Assets.BROWSER_TESTS, path.substring("/test/".length()));
                return;
            }
            if (!method.equals("GET") && !csrfOk(ex, cookies)) {
                json(ex, 403, obj("reason", "NOT_AUTHORIZED", "message", "missing or wrong CSRF token"));
                return;
            }
            String user = sessions.get(cookies.getOrDefault("MOCKSESSION", ""));
            if (user == null && autoLogin != null) {
                user = autoLogin;
            }
            if (path.equals("/admin/login") && method.equals("POST")) {
                Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                User u = USERS.get(form.getOrDefault("username", ""));
                if (u == null || !u.password().equals(form.get("password"))) {
                    json(ex, 401, obj("reason", "NOT_AUTHENTICATED", "message", "wrong user name or password"));
                    return;
                }
                String sid = UUID.randomUUID().toString();
                sessions.put(sid, form.get("username"));
                ex.getResponseHeaders().add("Set-Cookie", "MOCKSESSION=" + sid + "; Path=/; HttpOnly");
                json(ex, 200, me(form.get("username")));
                return;
            }
            if (path.equals("/admin/logout") && method.equals("POST")) {
                sessions.remove(cookies.getOrDefault("MOCKSESSION", ""));
                ex.getResponseHeaders().add("Set-Cookie", "MOCKSESSION=; Path=/; Max-Age=0");
                send(ex, 204, null, new byte[0]);
                return;
            }
            if (!path.startsWith("/api/")) {
                json(ex, 404, obj("reason", "NOT_FOUND", "message", "no such page " + path));
                return;
            }
            if (user == null) {
                json(ex, 401, obj("reason", "NOT_AUTHENTICATED", "message", "sign in first"));
                return;
            }
            synchronized (this) {
                api(ex, user, method, path, query(ex));
            }
        } catch (Problem p) {
            json(ex, p.status, obj("reason", p.reason, "message", p.getMessage()));
        } catch (RuntimeException e) {
            json(ex, 500, obj("reason", "INTERNAL", "message", String.valueOf(e)));
        } finally {
            ex.close();
        }
    }

    static final class Problem extends RuntimeException {
        final int status;
        final String reason;

        Problem(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }

    /** The hub's own reason texts, shortened, for a few codes (some of them not the hub's, to show a missing one). */
    static final Map<String, List<Map<String, Object>>> REASONS = Map.of(
            "en", List.of(
                    obj("code", "MALFORMED", "happened", "The message could not be read: a field is missing or has the wrong form.", "action", "Open the message, correct the field named in the reason and edit-and-retry, or ask the source to resend."),
                    obj("code", "NOT_FOUND", "happened", "The message refers to something the hub does not know (an invoice, a contract, an account).", "action", "Check that it was registered; retry once it is."),
                    obj("code", "INVALID_SIGNATURE", "happened", "The signature does not verify against the sender's registered key.", "action", "Do not edit: ask the sender to sign again and resend; reject this one."),
                    obj("code", "LIMIT_EXCEEDED", "happened", "A limit (contract transfer or cash-out) would be exceeded.", "action", "Nothing to fix in the message: reject it or wait until the limit is raised."),
                    obj("code", "DUPLICATE", "happened", "The same message was already processed.", "action", "Reject it as a duplicate.")),
            "ru", List.of(
                    obj("code", "MALFORMED", "happened", "Сообщение не удалось прочитать: поле отсутствует или имеет неверный вид.", "action", "Откройте сообщение, исправьте поле, названное в причине, и выполните «Исправить и повторить» либо попросите источник отправить его заново."),
                    obj("code", "NOT_FOUND", "happened", "Сообщение ссылается на то, чего хаб не знает (счёт-фактура, договор, счёт).", "action", "Проверьте, зарегистрировано ли это; повторите после регистрации."),
                    obj("code", "INVALID_SIGNATURE", "happened", "Подпись не проходит проверку по зарегистрированному ключу отправителя.", "action", "Не исправляйте: попросите отправителя подписать заново и отправить снова; это сообщение отклоните."),
                    obj("code", "LIMIT_EXCEEDED", "happened", "Был бы превышен лимит (переводы или обналичивание по договору).", "action", "В сообщении исправлять нечего: отклоните его или дождитесь увеличения лимита."),
                    obj("code", "DUPLICATE", "happened", "Такое же сообщение уже обработано.", "action", "Отклоните его как дубликат.")),
            "kk", List.of(
                    obj("code", "MALFORMED", "happened", "Хабарламаны оқу мүмкін болмады: өріс жоқ немесе оның пішіні қате.", "action", "Хабарламаны ашып, себепте аталған өрісті түзетіңіз де, «Түзетіп, қайталау» орындаңыз немесе дереккөзден оны қайта жіберуді сұраңыз."),
                    obj("code", "NOT_FOUND", "happened", "Хабарлама хаб білмейтін нәрсеге сілтейді (шот-фактура, шарт, шот).", "action", "Оның тіркелгенін тексеріңіз; тіркелгеннен кейін қайталаңыз."),
                    obj("code", "INVALID_SIGNATURE", "happened", "Қолтаңба жіберушінің тіркелген кілті бойынша тексеруден өтпейді.", "action", "Түзетпеңіз: жіберушіден қайта қол қойып, қайта жіберуді сұраңыз; бұл хабарламаны қабылдамаңыз."),
                    obj("code", "LIMIT_EXCEEDED", "happened", "Лимит (шарт бойынша аударым немесе қолма-қол ақшаға шешу) асып кетер еді.", "action", "Хабарламада түзететін ештеңе жоқ: оны қабылдамаңыз немесе лимит ұлғайтылғанша күтіңіз."),
                    obj("code", "DUPLICATE", "happened", "Дәл осындай хабарлама бұрын өңделген.", "action", "Оны қайталанған хабарлама ретінде қабылдамаңыз.")));

    /** As the hub chooses: ?lang= when it is kk, ru or en, else the first of those Accept-Language admits, else en. */
    static String reasonLanguage(String lang, String acceptLanguage) {
        if (lang != null && REASONS.containsKey(lang.strip().toLowerCase(Locale.ROOT))) {
            return lang.strip().toLowerCase(Locale.ROOT);
        }
        try {
            String match = acceptLanguage == null ? null
                    : Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), List.of("kk", "ru", "en"));
            return match == null ? "en" : match;
        } catch (IllegalArgumentException malformed) {
            return "en";
        }
    }

    private Map<String, Object> me(String user) {
        User u = USERS.get(user);
        return obj("name", user, "roles", u.roles(), "party", user.equals("bank") ? "BANK@990140000123" : null,
                "language", languages.get(user), "screens", u.screens());
    }

    private static void require(String user, String role) {
        if (!USERS.get(user).roles().contains(role)) {
            throw new Problem(403, "NOT_AUTHORIZED", "role " + role + " needed");
        }
    }

    @SuppressWarnings("unchecked")
    private void api(HttpExchange ex, String user, String method, String path, Map<String, String> q) throws IOException {
        String[] seg = path.substring(1).split("/");
        String body = method.equals("GET") ? "" : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> in = body.isBlank() ? Map.of() : (Map<String, Object>) Json.parse(body);
        if (path.equals("/api/me")) {
            json(ex, 200, me(user));
        } else if (path.equals("/api/me/language") && method.equals("PUT")) {
            languages.put(user, String.valueOf(in.get("language")));
            send(ex, 204, null, new byte[0]);
        } else if (path.equals("/api/reasons")) {
            String lang = reasonLanguage(q.get("lang"), ex.getRequestHeaders().getFirst("Accept-Language"));
            ex.getResponseHeaders().set("Content-Language", lang);
            ex.getResponseHeaders().set("Vary", "Accept-Language");
            json(ex, 200, REASONS.get(lang));
        } else if (path.equals("/api/quarantine/groups")) {
            String status = q.getOrDefault("status", "QUARANTINED");
            json(ex, 200, obj("status", status, "byReason", groups("reasonCode", status), "bySource", groups("sourceSystem", status)));
        } else if (path.equals("/api/quarantine/messages")) {
            json(ex, 200, list(q));
        } else if (seg.length == 4 && path.startsWith("/api/quarantine/messages/") && method.equals("GET")) {
            json(ex, 200, view(id(seg[3])));
        } else if (seg.length == 5 && path.startsWith("/api/quarantine/messages/")) {
            require(user, "BACK_OFFICE");
            long id = id(seg[3]);
            Map<String, Object> m = messages.get(id);
            if (!"QUARANTINED".equals(m.get("status"))) {
                throw new Problem(409, "CONFLICT", "message " + id + " is " + m.get("status") + ", not QUARANTINED");
            }
            switch (seg[4]) {
                case "retry" -> json(ex, 200, obj("entry", view(retry(id, user)), "outcome", lastOutcome));
                case "reject" -> {
                    String reason = (String) in.get("reason");
                    if (reason == null || reason.isBlank()) {
                        throw new Problem(400, "MALFORMED", "a written reason is required");
                    }
                    m.put("status", "REJECTED");
                    m.put("resolutionNote", reason);
                    log("quarantine", String.valueOf(id), user, "REJECTED", reason, Instant.now());
                    json(ex, 200, view(id));
                }
                case "edit-and-retry" -> json(ex, 200, edit(id, (String) in.get("text"), (String) in.get("contentType"), user));
                default -> throw new Problem(404, "NOT_FOUND", path);
            }
        } else if (path.equals("/api/quarantine/audit")) {
            List<Map<String, Object>> items = audit.stream()
                    .filter(a -> !q.containsKey("target") || q.get("target").equals(a.get("targetId")))
                    .filter(a -> !q.containsKey("actor") || q.get("actor").equals(a.get("actor"))).toList();
            int page = Integer.parseInt(q.getOrDefault("page", "0"));
            int size = Integer.parseInt(q.getOrDefault("size", "100"));
            json(ex, 200, obj("items", items.subList(Math.min(items.size(), page * size), Math.min(items.size(), (page + 1) * size)),
                    "page", page, "size", size, "total", items.size()));
        } else if (path.equals("/api/quarantine/audit.csv")) {
            String csv = "id,at,actor,action,targetType,target,detail\n" + audit.stream().map(a -> a.get("id") + "," + a.get("at") + ","
                    + a.get("actor") + "," + a.get("action") + "," + a.get("targetType") + "," + a.get("targetId") + ",\""
                    + String.valueOf(a.get("detail")).replace("\"", "\"\"") + "\"").collect(Collectors.joining("\n"));
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=audit.csv");
            send(ex, 200, "text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/api/quarantine/jobs") && method.equals("POST")) {
            require(user, "BACK_OFFICE");
            json(ex, 202, startJob(in, user));
        } else if (seg.length == 4 && path.startsWith("/api/quarantine/jobs/")) {
            json(ex, 200, advance(seg[3]));
        } else if (path.equals("/api/flows")) {
            json(ex, 200, flows(q.getOrDefault("window", "hour")));
        } else if (path.equals("/api/oracle/evidence/verify")) {
            json(ex, 200, obj("entries", 1287L, "intact", true, "firstBrokenSeq", null, "problem", null,
                    "headHash", "3b7d0c5e9a1f4e2d8c6b0a9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b"));
        } else if (path.equals("/api/payments")) {
            String status = q.getOrDefault("status", "AWAITING_CONFIRMATION");
            json(ex, 200, payments.values().stream().filter(p -> status.equals(p.get("status")))
                    .filter(p -> !q.containsKey("reference") || String.valueOf(p.get("reference")).contains(q.get("reference"))).toList());
        } else if (seg.length == 4 && path.startsWith("/api/payments/") && method.equals("POST")) {
            require(user, "BANK");
            Map<String, Object> p = payments.get(seg[2]);
            if (p == null) {
                throw new Problem(404, "NOT_FOUND", "no payment order " + seg[2]);
            }
            if (!"AWAITING_CONFIRMATION".equals(p.get("status"))) {
                throw new Problem(409, "CONFLICT", "order " + p.get("number") + " is " + p.get("status"));
            }
            if (seg[3].equals("decline")) {
                String reason = (String) in.get("reason");
                if (reason == null || reason.isBlank()) {
                    throw new Problem(400, "MALFORMED", "a reason is required");
                }
                p.put("status", "DECLINED");
                p.put("message", reason);
            } else {
                p.put("status", "EXECUTED");
                p.put("transactionId", "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12");
            }
            p.put("updatedAt", Instant.now().toString());
            json(ex, 200, p);
        } else if (seg.length == 3 && path.startsWith("/api/invoices/")) {
            if (!seg[2].startsWith("ESF")) {
                throw new Problem(404, "NOT_FOUND", "no invoice " + dec(seg[2]));
            }
            json(ex, 200, obj("registrationNumber", dec(seg[2]), "sellerTin", "140240012345", "buyerTin", "980540001234", "currency", "KZT",
                    "status", "ISSUED", "paymentStatus", "PARTLY_PAID", "net", "1000000.00", "vat", "120000.00", "gross", "1120000.00",
                    "paid", "560000.00", "outstanding", "560000.00",
                    "states", List.of(obj("status", "ISSUED", "issuedAt", now.minusSeconds(86400 * 3).toString(), "gross", "1120000.00")),
                    "payments", List.of(obj("order", "118", "amount", "560000.00", "status", "EXECUTED", "at", now.minusSeconds(7200).toString()))));
        } else if (seg.length == 4 && path.startsWith("/api/programmable/events/")) {
            json(ex, 200, obj("id", dec(seg[3]), "factId", "f-ev-1", "sender", "KZ111", "recipient", "KZ222", "amount", "5000000.00",
                    "validUntil", now.plusSeconds(86400 * 30).toString(), "holdType", "SUBSIDY", "carryOverTo", null, "expired", false,
                    "heldSoFar", "3000000.00", "heldNow", "1000000.00",
                    "heldOutputs", List.of(obj("txId", "aa11bb22", "index", 0, "account", "KZ222", "amount", "1000000.00", "marking", "SUB-2025")),
                    "occurrences", List.of(obj("factId", "f-occ-1", "occurrence", "calving 2025-02", "amount", "2000000.00",
                            "issuedAt", now.minusSeconds(86400).toString(), "released", true))));
        } else if (path.equals("/api/programmable/contract") && q.get("number") != null) {
            json(ex, 200, obj("number", q.get("number"), "factId", "f-c-1", "sender", "990140000123", "recipient", "KZ75125KZT2069100100",
                    "parent", null, "validFrom", "2025-01-01", "validTo", "2025-12-31", "valid", true, "maxTransfer", "10000000.00",
                    "maxCashOut", "2000000.00", "transferred", "7250000.00", "cashedOut", "150000.50", "remainingTransfer", "2750000.00",
                    "remainingCashOut", "1849999.50"));
        } else if (path.equals("/api/programmable/trace")) {
            json(ex, 200, trace(q));
        } else if (seg.length == 4 && path.startsWith("/api/ledger/transactions/")) {
            json(ex, 200, obj("id", seg[3], "type", "TRANSFER", "seq", 42, "inputs", List.of(obj("txId", "0011", "index", 0)),
                    "outputs", List.of(obj("owner", "KZ75125KZT2069100100", "amount", "750000.00", "marking", "DG-2025/17")),
                    "signatures", List.of(obj("party", "990140000123", "key", "ed25519:ab12"))));
        } else {
            throw new Problem(403, "NOT_AUTHORIZED", "no rule names " + method + " " + path);
        }
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private long id(String s) {
        try {
            long id = Long.parseLong(s);
            if (messages.containsKey(id)) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new Problem(404, "NOT_FOUND", "no quarantine entry " + s);
    }

    private List<Map<String, Object>> groups(String column, String status) {
        Map<String, List<Map<String, Object>>> by = messages.values().stream().filter(m -> status.equals(m.get("status")))
                .collect(Collectors.groupingBy(m -> (String) m.get(column), LinkedHashMap::new, Collectors.toList()));
        List<Map<String, Object>> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(obj("key", k, "count", (long) v.size(),
                "oldest", v.stream().map(m -> (String) m.get("receivedAt")).min(String::compareTo).orElse(null),
                "newest", v.stream().map(m -> (String) m.get("receivedAt")).max(String::compareTo).orElse(null))));
        out.sort((a, b) -> Long.compare((Long) b.get("count"), (Long) a.get("count")));
        return out;
    }

    private Map<String, Object> list(Map<String, String> q) {
        List<Map<String, Object>> all = messages.values().stream()
                .filter(m -> !q.containsKey("status") || q.get("status").equals(m.get("status")))
                .filter(m -> !q.containsKey("reason") || q.get("reason").equals(m.get("reasonCode")))
                .filter(m -> !q.containsKey("source") || q.get("source").equals(m.get("sourceSystem")))
                .filter(m -> !q.containsKey("route") || q.get("route").equals(m.get("routeId")))
                .filter(m -> !q.containsKey("q") || (m.get("reasonMessage") + " " + m.get("sourceMessageId")).toLowerCase(Locale.ROOT)
                        .contains(q.get("q").toLowerCase(Locale.ROOT)))
                .toList();
        int size = Integer.parseInt(q.getOrDefault("size", "50"));
        int start = 0;
        if (q.containsKey("after")) {
            long after = Long.parseLong(q.get("after"));
            start = (int) all.stream().filter(m -> (Long) m.get("id") <= after).count();
        } else if (q.containsKey("before")) {
            long before = Long.parseLong(q.get("before"));
            int end = (int) all.stream().filter(m -> (Long) m.get("id") < before).count();
            start = Math.max(0, end - size);
        }
        List<Map<String, Object>> page = all.subList(start, Math.min(all.size(), start + size));
        Object next = start + size < all.size() && !page.isEmpty() ? page.get(page.size() - 1).get("id") : null;
        Object previous = start > 0 && !page.isEmpty() ? page.get(0).get("id") : null;
        return obj("items", page, "size", size, "total", (long) all.size(), "next", next, "previous", previous);
    }

    private Map<String, Object> lastOutcome;

    private long retry(long id, String user) {
        Map<String, Object> m = messages.get(id);
        m.put("attempts", (Integer) m.get("attempts") + 1);
        m.put("updatedAt", Instant.now().toString());
        boolean ok = id % 2 == 0 || "RESOLVE".equals(m.get("mockResult"));
        if (ok) {
            m.put("status", "RESOLVED");
            m.put("producedRef", "fact:" + Long.toHexString(id * 7919));
            lastOutcome = obj("result", "RESOLVED", "producedRef", m.get("producedRef"), "reasonCode", null, "message", null);
        } else {
            lastOutcome = obj("result", "QUARANTINED", "producedRef", null, "reasonCode", m.get("reasonCode"), "message", "failed again: " + m.get("reasonMessage"));
        }
        log("quarantine", String.valueOf(id), user, "RETRIED", String.valueOf(lastOutcome.get("result")), Instant.now());
        return id;
    }

    private Map<String, Object> edit(long id, String text, String contentType, String user) {
        Map<String, Object> m = messages.get(id);
        String ct = contentType != null ? contentType : (String) m.get("contentType");
        String cs = charsetOf(ct);
        String before = new String(bodies.get(id), Charset.forName(cs == null ? "UTF-8" : cs));
        if (text == null) {
            throw new Problem(400, "MALFORMED", "give exactly one of text or base64");
        }
        for (String field : List.of("Сумма=", "\"amount\"", "\"gross\"")) {
            String a = before.lines().filter(l -> l.contains(field)).collect(Collectors.joining("\n"));
            String b = text.lines().filter(l -> l.contains(field)).collect(Collectors.joining("\n"));
            if (!a.equals(b)) {
                throw new Problem(403, "NOT_AUTHORIZED", "the back office may not change the amount (" + field.replace("\"", "").replace("=", "") + ")");
            }
        }
        long copy = nextId++;
        Map<String, Object> c = new LinkedHashMap<>(m);
        c.put("id", copy);
        c.put("retryOf", id);
        c.put("receivedAt", Instant.now().toString());
        c.put("contentType", ct);
        c.put("mockResult", "RESOLVE");
        byte[] bytes = text.getBytes(Charset.forName(cs == null ? "UTF-8" : cs));
        c.put("size", bytes.length);
        messages.put(copy, c);
        bodies.put(copy, bytes);
        m.put("status", "RETRIED");
        m.put("retriedAs", copy);
        log("quarantine", String.valueOf(id), user, "EDITED", "copy " + copy, Instant.now());
        retry(copy, user);
        return obj("original", view(id), "copy", view(copy), "outcome", lastOutcome);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> startJob(Map<String, Object> in, String user) {
        String action = (String) in.get("action");
        List<Long> ids;
        String selection;
        if (in.get("ids") != null) {
            ids = ((List<Object>) in.get("ids")).stream().map(o -> ((Number) o).longValue()).toList();
            selection = "ids:" + ids.size();
        } else {
            String col = in.get("reasonCode") != null ? "reasonCode" : "sourceSystem";
            String key = (String) (in.get("reasonCode") != null ? in.get("reasonCode") : in.get("source"));
            ids = messages.values().stream().filter(m -> "QUARANTINED".equals(m.get("status")) && key.equals(m.get(col)))
                    .map(m -> (Long) m.get("id")).toList();
            selection = (col.equals("reasonCode") ? "reason:" : "source:") + key;
        }
        if ("REJECT".equals(action) && (in.get("reason") == null || ((String) in.get("reason")).isBlank())) {
            throw new Problem(400, "MALFORMED", "a written reason is required to reject");
        }
        String id = "job-" + (jobs.size() + 1);
        Map<String, Object> job = obj("id", id, "action", action, "selection", selection, "total", ids.size(), "done", 0,
                "succeeded", 0, "failed", 0, "status", "RUNNING", "newFailures", 0, "results", new ArrayList<>(),
                "_ids", ids, "_user", user, "_reason", in.get("reason"), "_group", !selection.startsWith("ids:"));
        jobs.put(id, job);
        return publicJob(job);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> advance(String id) {
        Map<String, Object> job = jobs.get(id);
        if (job == null) {
            throw new Problem(404, "NOT_FOUND", "no job " + id);
        }
        List<Long> ids = (List<Long>) job.get("_ids");
        int done = (Integer) job.get("done");
        List<Map<String, Object>> results = (List<Map<String, Object>>) job.get("results");
        for (int k = 0; k < 7 && done < ids.size(); k++, done++) {
            long mid = ids.get(done);
            Map<String, Object> m = messages.get(mid);
            if (!"QUARANTINED".equals(m.get("status"))) {
                results.add(obj("id", mid, "result", "SKIPPED", "reasonCode", "CONFLICT", "message", "not QUARANTINED"));
                continue;
            }
            if ("REJECT".equals(job.get("action"))) {
                m.put("status", "REJECTED");
                m.put("resolutionNote", job.get("_reason"));
                log("quarantine", String.valueOf(mid), (String) job.get("_user"), "REJECTED", (String) job.get("_reason"), Instant.now());
                results.add(obj("id", mid, "result", "REJECTED", "reasonCode", null, "message", null));
                job.put("succeeded", (Integer) job.get("succeeded") + 1);
            } else {
                retry(mid, (String) job.get("_user"));
                boolean ok = "RESOLVED".equals(lastOutcome.get("result"));
                results.add(obj("id", mid, "result", lastOutcome.get("result"), "reasonCode", lastOutcome.get("reasonCode"), "message", lastOutcome.get("message")));
                job.put(ok ? "succeeded" : "failed", (Integer) job.get(ok ? "succeeded" : "failed") + 1);
            }
        }
        job.put("done", done);
        if (done >= ids.size()) {
            job.put("status", "DONE");
            if (Boolean.TRUE.equals(job.get("_group"))) {
                job.put("newFailures", 2);
            }
        }
        return publicJob(job);
    }

    private static Map<String, Object> publicJob(Map<String, Object> job) {
        Map<String, Object> out = new LinkedHashMap<>();
        job.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Map<String, Object> flows(String window) {
        boolean day = window.equals("day");
        int n = day ? 96 : 60;
        int step = day ? 900 : 60;
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        List<String> buckets = new ArrayList<>();
        for (int k = n - 1; k >= 0; k--) {
            buckets.add(end.minusSeconds((long) k * step).toString());
        }
        Random r = new Random(day ? 7 : 3);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (String s : List.of("einvoice", "erp-1c", "subsidy", "livestock")) {
            List<Integer> rec = new ArrayList<>();
            List<Integer> facts = new ArrayList<>();
            List<Integer> quar = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int v = r.nextInt(day ? 300 : 30) + (s.equals("einvoice") ? 10 : 0);
                int qv = r.nextInt(10) == 0 ? r.nextInt(4) + 1 : 0;
                rec.add(v);
                quar.add(Math.min(v, qv));
                facts.add(v - Math.min(v, qv));
            }
            sources.add(obj("source", s, "received", rec, "facts", facts, "quarantined", quar));
        }
        List<Integer> size = new ArrayList<>();
        int cur = 90;
        for (int k = 0; k < n; k++) {
            cur = Math.max(0, cur + r.nextInt(7) - 2);
            size.add(cur);
        }
        return obj("window", window, "bucketSeconds", step, "buckets", buckets, "sources", sources, "quarantineSize", size,
                "kafkaLag", obj("livestock.events", 12L, "subsidy.events", 0L), "awaitingConfirmation",
                payments.values().stream().filter(p -> "AWAITING_CONFIRMATION".equals(p.get("status"))).count(),
                "evidence", obj("entries", 1287L, "headHash", "3b7d0c5e9a1f4e2d8c6b0a9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b",
                        "lastCheckpoint", now.minusSeconds(600).toString()),
                "cluster", obj("members", 3, "status", "UP"), "database", obj("status", "UP"));
    }

    private Map<String, Object> trace(Map<String, String> q) {
        String root = q.getOrDefault("contract", q.getOrDefault("addressList", q.get("initiator")));
        if (root == null || root.startsWith("X")) {
            throw new Problem(404, "NOT_FOUND", "no marked money for " + root);
        }
        String t1 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809";
        String t2 = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a";
        String t3 = "3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b";
        String t4 = "4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c";
        Map<String, Object> n3 = obj("txId", t3, "type", "TRANSFER", "reference", "DG-2025/17-1", "seq", 130L, "committedAt", now.minusSeconds(3600).toString(),
                "tracedAmount", "400000.00", "outputs", List.of(
                        obj("index", 0, "owner", "KZ33125KZT0000000333", "amount", "400000.00", "marking", "DG-2025/17-1", "hold", null, "spentBy", null)),
                "children", List.of());
        Map<String, Object> n4 = obj("txId", t4, "type", "CASH_OUT", "reference", "DG-2025/17", "seq", 131L, "committedAt", now.minusSeconds(1800).toString(),
                "tracedAmount", "150000.50", "outputs", List.of(), "children", List.of());
        Map<String, Object> n2 = obj("txId", t2, "type", "TRANSFER", "reference", "DG-2025/17", "seq", 120L, "committedAt", now.minusSeconds(7200).toString(),
                "tracedAmount", "7250000.00", "outputs", List.of(
                        obj("index", 0, "owner", "KZ22125KZT0000000222", "amount", "400000.00", "marking", "DG-2025/17-1", "hold", null, "spentBy", t3),
                        obj("index", 1, "owner", "KZ44125KZT0000000444", "amount", "150000.50", "marking", "DG-2025/17", "hold", null, "spentBy", t4),
                        obj("index", 2, "owner", "KZ55125KZT0000000555", "amount", "6699999.50", "marking", "DG-2025/17", "hold", "SUBSIDY-EV-9", "spentBy", null)),
                "children", List.of(n3, n4));
        Map<String, Object> n1 = obj("txId", t1, "type", "ISSUE", "reference", root, "seq", 101L, "committedAt", now.minusSeconds(86400).toString(),
                "tracedAmount", "10000000.00", "outputs", List.of(
                        obj("index", 0, "owner", "KZ11125KZT0000000111", "amount", "7250000.00", "marking", "DG-2025/17", "hold", null, "spentBy", t2),
                        obj("index", 1, "owner", "KZ11125KZT0000000111", "amount", "2750000.00", "marking", "DG-2025/17", "hold", null, "spentBy", null)),
                "children", List.of(n2));
        return obj("root", root, "markedTotal", "10000000.00", "transactions", 4, "verified", !root.startsWith("BAD"),
                "problem", root.startsWith("BAD") ? "edge 2→3: stored hash differs" : null, "roots", List.of(n1));
    }

    // ------------------------------------------------------------------ plumbing

    private boolean csrfOk(HttpExchange ex, Map<String, String> cookies) {
        String header = ex.getRequestHeaders().getFirst("X-XSRF-TOKEN");
        return header != null && header.equals(cookies.get("XSRF-TOKEN"));
    }

    private static Map<String, String> cookies(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        for (String h : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : h.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }

    private static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = dec(eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : dec(part.substring(eq + 1));
            if (!v.isBlank()) {
                out.put(k, v);
            }
        }
        return out;
    }

    private static void file(HttpExchange ex, Path root, String rel) throws IOException {
        Path p = root.resolve(rel.isEmpty() ? "index.html" : dec(rel)).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            json(ex, 404, obj("reason", "NOT_FOUND", "message", "no file " + rel));
            return;
        }
        String name = p.getFileName().toString();
        String type = name.endsWith(".html") ? "text/html; charset=UTF-8" : name.endsWith(".js") ? "text/javascript; charset=UTF-8"
                : name.endsWith(".css") ? "text/css; charset=UTF-8" : name.endsWith(".json") ? "application/json"
                : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream";
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        send(ex, 200, type, Files.readAllBytes(p));
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        ex.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 204) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
