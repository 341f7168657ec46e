package org.cpis.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.cpis.audit.Audit;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.Organisations;
import org.cpis.shared.EnglandDate;
import org.cpis.shared.NhsNumber;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the synthetic national data set into an empty hub: synthetic care settings through the registry, then
 * records, uploads, accesses, notifications, reviews and audit entries set-based in PostgreSQL, in one transaction
 * (all or nothing), then seals the new audit entries with the audit module's own sealer.
 */
@Service
class SyntheticData {

    /** What was generated, for the command's log line and the tests. */
    record Summary(
            int careSettingsAdded, long records, long accesses, long notifications, long auditEntries, Duration took) {}

    private static final Logger log = LoggerFactory.getLogger(SyntheticData.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Organisations organisations;
    private final Audit audit;
    private final Clock clock;

    SyntheticData(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            Organisations organisations,
            Audit audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    Summary generate(SyntheticDataProperties size) {
        Instant started = Instant.now();
        if (count("select count(*) from records.record") > 0) {
            throw new IllegalStateException(
                    "The hub already holds records: synthetic data goes only into an empty hub");
        }
        int added = SyntheticCareSettings.addUpTo(
                organisations,
                (int) count("select count(*) from organisations.organisation where kind = 'HEALTH'"),
                size.careSettings());
        Instant now = Instant.now(clock);
        String[] unscheduled = Arrays.stream(CareSettingType.values())
                .filter(CareSettingType::unscheduled)
                .map(Enum::name)
                .toArray(String[]::new);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select setseed(:seed)").param("seed", size.seed()).query().listOfRows();
            SyntheticRecords.generate(jdbc, size.records(), EnglandDate.today(clock), now, emptyAcknowledgement());
            log.info("Synthetic data: records and uploads written");
            SyntheticActivity.accesses(jdbc, size.accesses(), unscheduled, now);
            log.info("Synthetic data: accesses and notifications written");
            subjects();
            long filler = size.auditEntries() - count("select count(*) from audit.event") - size.accesses();
            SyntheticActivity.audit(jdbc, Math.max(0, filler), now);
        });
        long sealed = 0;
        for (int n = size.seal() ? audit.seal() : 0; n > 0; n = audit.seal()) {
            sealed += n;
        }
        log.info("Synthetic data: {} audit entries sealed", sealed);
        return new Summary(
                added,
                count("select count(*) from records.record"),
                count("select count(*) from lookup.access"),
                count("select count(*) from notifications.notification"),
                count("select count(*) from audit.event"),
                Duration.between(started, Instant.now()));
    }

    /**
     * The audit module's keyed hash of each accessed person's NHS number, copied into a temporary table on the
     * transaction's own connection: PostgreSQL cannot compute it without the key, which stays in the hub.
     */
    private void subjects() {
        List<String> numbers = jdbc.sql("select distinct nhs_number from syn_access order by 1")
                .query(String.class)
                .list();
        StringBuilder csv = new StringBuilder(numbers.size() * 80);
        for (String n : numbers) {
            csv.append(n).append(',').append(audit.subjectHash(NhsNumber.of(n))).append('\n');
        }
        jdbc.sql("""
                create temp table syn_subject (i serial, nhs char(10), hash char(64)) on commit drop
                """).update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy syn_subject (nhs, hash) from stdin (format csv)", new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not copy the synthetic subjects", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        jdbc.sql("create index on syn_subject (nhs); create unique index on syn_subject (i)")
                .update();
    }

    /** What a stored upload's per-line outcomes are when there are none to show: an empty JSON array, gzipped. */
    private static byte[] emptyAcknowledgement() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("[]".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private long count(String sql) {
        Long n = jdbc.sql(sql).query(Long.class).single();
        return n == null ? 0 : n;
    }
}
