package bench;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Changes tried on the running hub from the benchmark only, to measure a proposal before anyone edits the main code.
 * Off unless named in {@code experiment=}.
 */
final class LookupExperiments {

    private LookupExperiments() {}

    /** JDBC calls made through the hub's DataSource, by method, while counting is on. */
    static final Map<String, LongAdder> JDBC_CALLS = new ConcurrentHashMap<>();

    static volatile boolean counting;

    /**
     * {@code count-jdbc}: the hub's DataSource is wrapped so that every call on its connections and statements is
     * counted (connection checkouts, statements prepared and executed, parameter metadata, commits and so on).
     */
    static ApplicationContextInitializer<ConfigurableApplicationContext> countJdbc() {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource dataSource)) {
                    return bean;
                }
                return counted(dataSource, DataSource.class, "DataSource");
            }
        });
    }

    /** Counts per lookup since {@link #JDBC_CALLS} was cleared, most frequent first. */
    static String jdbcCallsPer(double lookups) {
        Map<String, Long> sorted = new TreeMap<>();
        JDBC_CALLS.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder s = new StringBuilder();
        sorted.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .filter(e -> e.getValue() / lookups >= 0.01)
                .forEach(e -> s.append(String.format("%s %.2f, ", e.getKey(), e.getValue() / lookups)));
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T counted(T target, Class<T> type, String label) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(target, args);
            }
            if (counting && method.getDeclaringClass() != Object.class) {
                JDBC_CALLS
                        .computeIfAbsent(label + "." + method.getName(), k -> new LongAdder())
                        .increment();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof PreparedStatement ps) {
                return counted(ps, PreparedStatement.class, "PreparedStatement");
            }
            if (result instanceof Statement st) {
                return counted(st, Statement.class, "Statement");
            }
            if (result instanceof Connection c) {
                return counted(c, Connection.class, "Connection");
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(LookupExperiments.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /**
     * The proposal measured by {@code abHeaderCheck}: {@link StrictHttpFirewall}'s own header-value rule (assigned
     * characters that are not controls, or a tab) answered by one pass over the characters when they are all
     * printable ASCII or tabs (which that rule accepts by definition), and by the framework's own predicate otherwise;
     * so it accepts exactly the same values, through the firewall's own setter.
     */
    static final Predicate<String> ASCII_FAST_PATH = value ->
            (value != null && printableAsciiOrTab(value)) || StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);

    private static boolean printableAsciiOrTab(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the running hub's firewall to check header values as Spring Security ships it ({@code shipped}, what the
     * hub configures) or with {@link #ASCII_FAST_PATH}, for an A/B comparison in one JVM.
     */
    static void headerCheck(ConfigurableApplicationContext context, boolean shipped)
            throws ReflectiveOperationException {
        // The hub defines no firewall bean: the one Spring Security made is held by its filter chain proxy.
        Field field = FilterChainProxy.class.getDeclaredField("firewall");
        field.setAccessible(true);
        StrictHttpFirewall firewall = (StrictHttpFirewall) field.get(context.getBean(FilterChainProxy.class));
        firewall.setAllowedHeaderValues(shipped ? StrictHttpFirewall.ALLOWED_HEADER_VALUES : ASCII_FAST_PATH);
    }
}
