package io.windshift.notification.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What kind of network an IP address belongs to, for deciding whether a webhook may be sent there. Anything but
 * {@link #PUBLIC} is refused unless private networks are allowed; {@link #UNUSABLE} (unspecified, multicast,
 * broadcast, reserved) is refused always: no webhook receiver lives there, and {@code 0.0.0.0} reaches localhost.
 * IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the embedded address.
 */
public enum AddressClass {
    PUBLIC, LOOPBACK, LINK_LOCAL, PRIVATE, SHARED_CGNAT, UNUSABLE;

    public static AddressClass of(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return ofIpv4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && b.length == 16) {
            return ofIpv6(b);
        }
        return UNUSABLE;
    }

    private static AddressClass ofIpv4(byte[] b) {
        int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff;
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL; // includes the cloud metadata endpoint 169.254.169.254
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE; // RFC 1918
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return SHARED_CGNAT; // 100.64.0.0/10, RFC 6598
        }
        if (a0 == 0 || a0 >= 224 // this network, multicast, reserved and broadcast
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking 198.18.0.0/15
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) { // TEST-NET-2, -3
            return UNUSABLE;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ofIpv4(slice(b, 12)); // ::ffff:a.b.c.d
        }
        if (zero(b, 0, 12)) {
            if (zero(b, 12, 15) && b[15] == 1) {
                return LOOPBACK; // ::1
            }
            if (zero(b, 12, 16)) {
                return UNUSABLE; // ::
            }
            return ofIpv4(slice(b, 12)); // deprecated IPv4-compatible ::a.b.c.d
        }
        int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return ofIpv4(slice(b, 12)); // NAT64 64:ff9b::/96
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return ofIpv4(slice(b, 2)); // 6to4 2002::/16
        }
        if (b0 == 0xff) {
            return UNUSABLE; // multicast
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return LINK_LOCAL; // fe80::/10
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return PRIVATE; // deprecated site-local fec0::/10
        }
        if ((b0 & 0xfe) == 0xfc) {
            return PRIVATE; // unique local fc00::/7
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return UNUSABLE; // documentation 2001:db8::/32
        }
        return PUBLIC;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
