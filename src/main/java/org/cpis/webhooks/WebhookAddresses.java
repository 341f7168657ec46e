package org.cpis.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps webhooks off the hub's own machine and private networks. An LA data manager chooses the URL, and the hub posts
 * to it and shows the HTTP status it got: without this, the settings page would let anyone with that role probe the
 * hub's internal network (server-side request forgery). Checked when the URL is saved (names and literal addresses that
 * are plainly local) and again on the addresses every connection to it is opened to ({@link PublicAddressesOnly}).
 */
final class WebhookAddresses {

    static final String REFUSED = "address not allowed";
    static final int MAX_URL = 2000;

    private WebhookAddresses() {}

    /**
     * @return true if the URL's host is this machine or a private network: a name is judged by every address the
     *     system resolver gives it now (a name that does not resolve yet is not refused here; each delivery checks
     *     again), a literal address by what {@link InetAddress} reads it as. A host that is a number in any form other
     *     than the usual dotted decimal ({@code 0x7f000001}, {@code 0177.0.0.1}, {@code 2130706433}, {@code 127.1}) is
     *     refused whatever it stands for, since programs read such forms differently.
     */
    static boolean plainlyLocal(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        try {
            if (host.startsWith("[")) {
                return local(InetAddress.getByName(host));
            }
            if (numeric(host)) {
                InetAddress address = InetAddress.getByName(host);
                return !address.getHostAddress().equals(host) || local(address);
            }
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (local(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return numeric(host) || host.startsWith("[");
        }
    }

    /** A host is a number, not a name, if its last label starts with a digit: no top-level domain does (RFC 3696). */
    private static boolean numeric(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.isEmpty() || Character.isDigit(last.charAt(0));
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
                || (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) // fc00::/7, unique local
                || embeddedLocal(b);
    }

    /** IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses lead to the IPv4 address they carry. */
    private static boolean embeddedLocal(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!compatible && !nat64) {
            return false;
        }
        try {
            return local(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /**
     * An absolute https URL to a public address; where local addresses are allowed (trying a receiver out), also http
     * to this machine.
     *
     * @return what is wrong, as the settings page says it, or null
     */
    static String problem(String url, boolean localAddressesAllowed) {
        if (url.isEmpty()) {
            return "Enter the webhook URL";
        }
        if (url.length() > MAX_URL) {
            return "Webhook URL must be 2,000 characters or fewer";
        }
        String invalid = "Enter a full web address starting with https://, like https://cases.example.gov.uk/cpis";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return invalid;
        }
        if (!uri.isAbsolute()
                || uri.isOpaque()
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            return invalid;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (!localAddressesAllowed) {
                return "Webhook URL must start with https://";
            }
            if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
                return "Webhook URL must start with https:// (http:// is only for localhost)";
            }
        } else if (!scheme.equals("https")) {
            return invalid;
        }
        return rest(uri, localAddressesAllowed);
    }

    private static String rest(URI uri, boolean localAddressesAllowed) {
        if (!localAddressesAllowed && plainlyLocal(uri)) {
            return "Webhook URL must not point to this server or a private network";
        }
        if (uri.getRawUserInfo() != null) {
            return "Webhook URL must not contain a user name or password";
        }
        if (uri.getRawFragment() != null) {
            return "Webhook URL must not contain a # fragment";
        }
        return null;
    }
}
