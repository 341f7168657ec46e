package org.cpis.notifications;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps webhooks off the hub's own machine and private networks. An LA data manager chooses the URL, and the hub posts
 * to it and shows the HTTP status it got: without this, the settings page would let anyone with that role probe the
 * hub's internal network (server-side request forgery). Checked when the URL is saved (names and literal addresses that
 * are plainly local) and again before every delivery, after DNS resolution.
 */
final class WebhookAddresses {

    static final String REFUSED = "address not allowed";

    private WebhookAddresses() {}

    /** @return true if the URL's host is this machine or a private network, by name or literal address */
    static boolean plainlyLocal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (!literal(host)) {
            return false;
        }
        try {
            return local(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** @return true if the host resolves to any address on this machine or a private network, or does not resolve */
    static boolean resolvesLocal(URI url) {
        if (plainlyLocal(url)) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (local(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false; // not ours to refuse: the delivery fails on its own and is retried
        }
    }

    static boolean local(InetAddress address) {
        byte[] b = address.getAddress();
        return address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isSiteLocalAddress() // 10/8, 172.16/12, 192.168/16, fec0::/10
                || address.isLinkLocalAddress() // 169.254/16 (cloud metadata), fe80::/10
                || address.isMulticastAddress()
                || (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) // 100.64/10, carrier-grade NAT
                || (b.length == 4 && (b[0] & 0xff) == 0) // 0/8
                || (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc); // fc00::/7, unique local
    }

    private static boolean literal(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
