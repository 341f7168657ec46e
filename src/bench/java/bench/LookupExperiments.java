package bench;

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
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

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
}
