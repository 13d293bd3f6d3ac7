package io.windshift.notification.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution for webhook hosts; the system's by default, a test's own where a test declares one. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
