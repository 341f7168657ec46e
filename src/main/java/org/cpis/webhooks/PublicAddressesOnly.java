package org.cpis.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's name resolution: the addresses a connection is opened to are the ones checked, so a DNS server
 * that answers a public address to a check and a private one moments later to the connection (DNS rebinding) cannot
 * turn a webhook into a request to the hub's own network. A name with any local or private address is refused whole.
 * (The client's {@code resolve(host, port)} is the interface's own, which calls {@link #resolve(String)}.)
 */
final class PublicAddressesOnly implements DnsResolver {

    /** A host refused because it resolves to this machine or a private network; the delivery's outcome says so. */
    static final class LocalAddressRefused extends UnknownHostException {
        LocalAddressRefused() {
            super(WebhookAddresses.REFUSED); // not the name: the LA chose it, but logs need no more than the outcome
        }
    }

    private final DnsResolver system;
    private final boolean localAllowed;

    PublicAddressesOnly(DnsResolver system, boolean localAllowed) {
        this.system = system;
        this.localAllowed = localAllowed;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = system.resolve(host);
        if (!localAllowed && Arrays.stream(addresses).anyMatch(WebhookAddresses::local)) {
            throw new LocalAddressRefused();
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return system.resolveCanonicalHostname(host);
    }
}
