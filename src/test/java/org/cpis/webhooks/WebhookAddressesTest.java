package org.cpis.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://localhost/hook",
                "https://api.localhost/hook",
                "https://127.0.0.1/hook",
                "https://127.1.2.3:8443/hook",
                "https://0.0.0.0/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://172.31.255.255/hook",
                "https://192.168.1.10/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://[::1]/hook",
                "https://[fe80::1]/hook",
                "https://[fd00::1]/hook",
                "https://[::ffff:10.0.0.1]/hook",
                // Issue 13, item 8: every numeric form of an address.
                "https://0x7f000001/hook",
                "https://0177.0.0.1/hook",
                "https://2130706433/hook",
                "https://017700000001/hook",
                "https://127.000.000.001/hook",
                "https://[::ffff:7f00:1]/hook",
                "https://[::127.0.0.1]/hook",
                "https://[64:ff9b::a00:1]/hook",
                "https://[::]/hook"
            })
    void this_machine_and_private_networks_are_refused_when_saved(String url) {
        assertThat(WebhookAddresses.plainlyLocal(URI.create(url))).isTrue();
        assertThat(WebhookAddresses.problem(url, false))
                .isEqualTo("Webhook URL must not point to this server or a private network");
    }

    /** Short numeric forms are not even a host to java.net.URI: refused as not an address at all. */
    @ParameterizedTest
    @ValueSource(strings = {"https://127.1/hook", "https://0x7f.1/hook", "https://10.1.2.3./hook", "https://0/hook"})
    void short_numeric_forms_are_refused_too(String url) {
        assertThat(WebhookAddresses.plainlyLocal(URI.create(url))).isTrue();
        assertThat(WebhookAddresses.problem(url, false)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://cases.example.gov.uk/cpis",
                "https://203.0.113.7/hook",
                "https://172.32.0.1/hook",
                "https://100.128.0.1/hook",
                "https://[2001:db8::1]/hook"
            })
    void public_addresses_are_accepted(String url) {
        assertThat(WebhookAddresses.plainlyLocal(URI.create(url))).isFalse();
        assertThat(WebhookAddresses.problem(url, false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8081/hook", "http://127.0.0.1/hook", "http://cases.example.gov.uk/cpis"})
    void plain_http_is_refused_in_production(String url) {
        assertThat(WebhookAddresses.problem(url, false)).isEqualTo("Webhook URL must start with https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8081/hook", "https://localhost/hook", "https://10.1.2.3/hook"})
    void where_local_addresses_are_allowed_a_receiver_on_this_machine_can_be_tried(String url) {
        assertThat(WebhookAddresses.problem(url, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "127.0.0.1", "10.0.0.1", "169.254.1.1", "224.0.0.1", "fc00::1", "fe80::1"})
    void local_addresses(String address) throws Exception {
        assertThat(WebhookAddresses.local(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "198.51.100.1", "2001:db8::1", "2a00:1450::1"})
    void public_addresses(String address) throws Exception {
        assertThat(WebhookAddresses.local(InetAddress.getByName(address))).isFalse();
    }
}
