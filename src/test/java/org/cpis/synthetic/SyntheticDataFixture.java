package org.cpis.synthetic;

import org.springframework.context.ApplicationContext;

/** Lets tests and benchmarks in other packages generate the synthetic data set into their own hub, once. */
public final class SyntheticDataFixture {

    private SyntheticDataFixture() {}

    /** Generates unless the hub already holds records; returns a one-line summary. */
    public static String ensure(
            ApplicationContext hub, int records, int careSettings, int accesses, long auditEntries) {
        return ensure(hub, records, careSettings, accesses, auditEntries, true);
    }

    /** As {@link #ensure(ApplicationContext, int, int, int, long)}; {@code seal} false leaves the entries unsealed. */
    public static synchronized String ensure(
            ApplicationContext hub, int records, int careSettings, int accesses, long auditEntries, boolean seal) {
        SyntheticData generator = hub.getBean(SyntheticData.class);
        Long held = hub.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from records.record")
                .query(Long.class)
                .single();
        if (held != null && held > 0) {
            return "already generated";
        }
        return generator
                .generate(new SyntheticDataProperties(records, careSettings, accesses, auditEntries, 0.42, true, seal))
                .toString();
    }
}
