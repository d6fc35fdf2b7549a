package kz.digitaltenge.adminui;

/**
 * Developer's tool: open a URL in headless Chromium, wait, print the value of expressions, optionally take a
 * screenshot. {@code java -cp target/test-classes kz.digitaltenge.adminui.Probe URL [WxH] [shot.png] 'expr' ...}
 */
public final class Probe {
    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        String[] size = (args.length > 1 && args[1].matches("\\d+x\\d+") ? args[1] : "1366x768").split("x");
        int next = args.length > 1 && args[1].matches("\\d+x\\d+") ? 2 : 1;
        try (Browser b = new Browser(Integer.parseInt(size[0]), Integer.parseInt(size[1]))) {
            b.navigate(args[0]);
            Thread.sleep(2500);
            for (int k = next; k < args.length; k++) {
                if (args[k].endsWith(".png")) {
                    b.screenshot(java.nio.file.Path.of(args[k]), true);
                } else if (args[k].startsWith("sleep:")) {
                    Thread.sleep(Long.parseLong(args[k].substring(6)));
                } else {
                    System.out.println(args[k] + " => " + Json.write(b.eval(args[k])));
                }
            }
        }
    }
}
