package testsupport;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headless Debian chromium driven by Playwright, for browser tests. Playwright never downloads a browser here.
 *
 * <p>Create one per test class and close it afterwards, e.g. {@code @AutoClose static final Browser browser = new
 * Browser();}. Each {@link #newPage()} opens its own browser context, so pages never share cookies or sessions.
 */
public final class Browser implements AutoCloseable {

    /** The machine's chromium (Debian package {@code chromium}). */
    public static final String CHROMIUM = "/usr/bin/chromium";

    /** The WCAG levels a page must meet: 2.0, 2.1 and 2.2, A and AA. */
    public static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    public Browser() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(Paths.get(CHROMIUM))
                            .setHeadless(true)
                            .setArgs(CHROMIUM_ARGS));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A page in a fresh browser context: no cookies, no session. */
    public synchronized Page newPage() {
        BrowserContext context = browser.newContext();
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        return context.newPage();
    }

    /** Runs axe-core on the page as it is now, for {@link #WCAG_TAGS}, and returns the violations. */
    /** The demo people's password (embedded default; see the README). */
    public static final String DEMO_PASSWORD = "demo-password";

    /** A fresh page that has submitted the sign-in form; where it lands is for the test to check. */
    public Page signIn(String baseUrl, String username, String password) {
        Page page = newPage();
        page.navigate(baseUrl + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        return page;
    }

    /** A demo person signed in and on their home page. */
    public Page signedIn(String baseUrl, String username) {
        Page page = signIn(baseUrl, username, DEMO_PASSWORD);
        PlaywrightAssertions.assertThat(page).hasURL(baseUrl + "/");
        return page;
    }

    public static List<Rule> axeViolations(Page page) {
        return new AxeBuilder(page).withTags(WCAG_TAGS).analyze().getViolations();
    }

    /** Fails with a readable list of the page's accessibility violations, if it has any. */
    public static void assertAccessible(Page page) {
        screenshot(page);
        List<Rule> violations = axeViolations(page);
        if (!violations.isEmpty()) {
            throw new AssertionError(describe(page.url(), violations));
        }
    }

    /**
     * A full-page screenshot of every page checked for accessibility, in {@code target/screenshots/} named by its
     * title, so that a reviewer can compare the pages with the NHS.UK design system's patterns after a build.
     */
    private static void screenshot(Page page) {
        String name = page.title().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
        page.screenshot(new Page.ScreenshotOptions()
                .setFullPage(true)
                .setPath(Path.of("target", "screenshots", (name.isEmpty() ? "untitled" : name) + ".png")));
    }

    /** One line per violation: rule id, impact, and the first target of each failing node. */
    public static String describe(String url, List<Rule> violations) {
        StringBuilder message = new StringBuilder()
                .append(violations.size())
                .append(" accessibility violation(s) on ")
                .append(url)
                .append(':');
        for (Rule rule : violations) {
            message.append("\n  ")
                    .append(rule.getId())
                    .append(" [")
                    .append(rule.getImpact())
                    .append("] ")
                    .append(rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                message.append("\n    - ").append(firstTarget(node.getTarget()));
            }
        }
        return message.toString();
    }

    private static String firstTarget(Object target) {
        if (target instanceof List<?> list) {
            return list.isEmpty() ? "(no target)" : firstTarget(list.get(0));
        }
        return String.valueOf(target);
    }

    @Override
    public synchronized void close() {
        try {
            for (BrowserContext context : contexts) {
                context.close();
            }
            contexts.clear();
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
