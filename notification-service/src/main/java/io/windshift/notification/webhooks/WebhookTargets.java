package io.windshift.notification.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go (against SSRF): an absolute http(s) URL whose host is on
 * {@code windshift.notification.webhooks.allowed-hosts} when that list is set (exact names or IP literals, and
 * {@code *.example.com} for any subdomain), and whose every resolved address is public. Loopback, link-local
 * (169.254.169.254 among them), RFC 1918, CGNAT and unique-local addresses are refused unless
 * {@code allow-private-networks} is on or the host is listed exactly (an operator vouches for that one name;
 * a wildcard vouches for no address). Unspecified, multicast and reserved addresses are refused always.
 * Checked when a URL is saved and again at every delivery, where {@link #resolveChecked} is the delivery
 * client's only DNS, so it connects to an address that passed (a host re-pointed at 127.0.0.1 after it was
 * saved is refused then).
 */
@Component
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookTargets {

    private final List<String> allowedHosts;
    private final boolean allowPrivateNetworks;
    private final HostResolver resolver;

    @Autowired
    WebhookTargets(WebhookProperties properties, ObjectProvider<HostResolver> resolver) {
        this(properties.allowedHosts(), properties.allowPrivateNetworks(), resolver.getIfAvailable(() -> HostResolver.SYSTEM));
    }

    public WebhookTargets(List<String> allowedHosts, boolean allowPrivateNetworks, HostResolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).map(WebhookTargets::normalise).toList();
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /** A policy refusal: retrying will not help. */
    public static final class Refused extends UnknownHostException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Why {@code url} may not receive webhooks (for a 400 at subscription), or empty when it may. */
    public Optional<String> refusal(String url) {
        try {
            check(url);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("host " + e.getMessage() + " does not resolve");
        }
    }

    /** Throws {@link Refused} for a URL the policy refuses, {@link UnknownHostException} when its host does not resolve. */
    public void check(String url) throws UnknownHostException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("must be an absolute http(s) URL");
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new Refused("must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials");
        }
        resolveChecked(uri.getHost());
    }

    /** Resolves {@code host} and returns its addresses only if the policy allows every one of them. */
    public InetAddress[] resolveChecked(String host) throws UnknownHostException {
        String name = normalise(host);
        if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(entry -> matches(entry, name))) {
            throw new Refused("host " + name + " is not in windshift.notification.webhooks.allowed-hosts");
        }
        InetAddress[] addresses = resolver.resolve(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        boolean vouched = allowPrivateNetworks || allowedHosts.contains(name);
        for (InetAddress address : addresses) {
            AddressClass kind = AddressClass.of(address);
            if (kind == AddressClass.UNUSABLE) {
                throw new Refused("host " + name + " resolves to " + address.getHostAddress() + ", which no webhook can use");
            }
            if (kind != AddressClass.PUBLIC && !vouched) {
                throw new Refused("host " + name + " resolves to " + address.getHostAddress() + " (" + kind.name().toLowerCase(Locale.ROOT)
                        .replace('_', '-') + "); private networks are not allowed");
            }
        }
        return addresses;
    }

    private static boolean matches(String entry, String host) {
        if (entry.startsWith("*.")) {
            return host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1;
        }
        return entry.equals(host);
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
