package org.cpis.mesh;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.cpis.shared.OdsCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The hub's MESH mailbox and its LA partners ({@code cpis.mesh}, docs/operations.md "MESH"). The password and shared
 * key come from the environment only ({@code CPIS_MESH_PASSWORD}, {@code CPIS_MESH_SHARED_KEY}).
 *
 * @param enabled off by default: no polling and no MESH delivery until an operator sets up the mailbox
 * @param baseUrl MESH's address, e.g. {@code https://mesh-sync.spineservices.nhs.uk}; paths start at
 *     {@code /messageexchange}
 * @param mailboxId the hub's own mailbox
 * @param password the mailbox's password
 * @param sharedKey the MESH environment's shared secret, the HMAC key of the authorisation header
 * @param tls the client certificate and CA for mutual TLS (live MESH requires it; a test server may not)
 * @param workflows MESH workflow ids: not published, assigned at onboarding, hence configuration
 * @param partners which LA each partner mailbox belongs to: an upload's LA is its mailbox's owner, never what the file
 *     says
 * @param pollInterval how often one node polls the inbox and sends what is waiting
 * @param maxMessageSize a larger inbound message is not parsed and is answered with CPF01
 * @param maxRecords a file with more records is answered with CPF01
 * @param chunkSize outbound messages larger than this are sent in chunks
 * @param requestTimeout each HTTP request's time limit
 * @param attempts tries per MESH call within one poll before the poll gives up until the next one
 * @param firstRetry the first retry's delay within a poll, doubling with each attempt
 * @param sendRetryFor how long an outbound message is retried before it is marked failed
 * @param maxRetryInterval the longest wait between two attempts to send one outbound message
 */
@ConfigurationProperties("cpis.mesh")
record MeshProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:8700") URI baseUrl,
        @DefaultValue("") String mailboxId,
        @DefaultValue("") String password,
        @DefaultValue("") String sharedKey,
        @DefaultValue Tls tls,
        @DefaultValue Workflows workflows,
        @DefaultValue List<Partner> partners,
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("64MB") DataSize maxMessageSize,
        @DefaultValue("200000") int maxRecords,
        @DefaultValue("20MB") DataSize chunkSize,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("3") int attempts,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("5d") Duration sendRetryFor,
        @DefaultValue("30m") Duration maxRetryInterval) {

    /**
     * PKCS#12 key store with the hub's client certificate and key, and a trust store with the MESH CA; empty paths
     * use the JVM's defaults.
     */
    record Tls(
            @DefaultValue("") String keyStore,
            @DefaultValue("") String keyStorePassword,
            @DefaultValue("") String trustStore,
            @DefaultValue("") String trustStorePassword) {}

    /** One workflow id per CP-IS message; the defaults are placeholders until NHS England assigns the real ones. */
    record Workflows(
            @DefaultValue("CPIS_LA_UPLOAD") String upload,
            @DefaultValue("CPIS_LA_UPLOAD_ACK") String acknowledgement,
            @DefaultValue("CPIS_ACCESS_NOTIFICATION") String accessNotification,
            @DefaultValue("CPIS_INACTIVE_NHS_NUMBER") String inactiveNotification) {}

    /**
     * @param localAuthority the LA's ODS code
     * @param mailbox the mailbox its case system sends from and receives at
     * @param notifications whether the LA chose MESH delivery of access notifications
     */
    record Partner(
            OdsCode localAuthority,
            String mailbox,
            @DefaultValue("false") boolean notifications) {}

    Partner partnerByMailbox(String mailbox) {
        return partners.stream()
                .filter(p -> p.mailbox().equalsIgnoreCase(mailbox))
                .findFirst()
                .orElse(null);
    }

    Partner partnerOf(OdsCode la) {
        return partners.stream()
                .filter(p -> p.localAuthority().equals(la))
                .findFirst()
                .orElse(null);
    }
}
