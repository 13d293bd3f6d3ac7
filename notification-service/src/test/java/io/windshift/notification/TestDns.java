package io.windshift.notification;

import io.windshift.notification.webhooks.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Name resolution the tests control (this machine has no DNS): names pointed somewhere, the rest as the system resolves. */
public class TestDns implements HostResolver {

    private final Map<String, Deque<String>> names = new ConcurrentHashMap<>();

    public TestDns() {
        point("hooks.example.com", "93.184.215.14");
    }

    /** Points {@code host} at this address literal from now on. */
    public void point(String host, String address) {
        answers(host, address);
    }

    /** Answers successive lookups of {@code host} with these literals in turn, the last one from then on (a rebinding). */
    public void answers(String host, String... addresses) {
        names.put(host, new ArrayDeque<>(List.of(addresses)));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Deque<String> queue = names.get(host);
        if (queue == null) {
            return HostResolver.SYSTEM.resolve(host);
        }
        String[] literals;
        synchronized (queue) {
            literals = new String[] {queue.size() > 1 ? queue.poll() : queue.peek()};
        }
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(literals[i]).getAddress());
        }
        return addresses;
    }
}
