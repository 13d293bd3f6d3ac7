package io.windshift.gateway.discovery;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The instances behind each {@code lb://NAME} route. Where the local launcher runs the platform, it lists them in
 * a file ({@code NAME=url,url}, rewritten when an instance starts or stops) and this reads it again whenever it
 * changes. Elsewhere each service has one address: its DNS name in compose, its Service in Kubernetes (which
 * balances across pods itself). Spring Cloud LoadBalancer health-checks what this returns, so an instance that
 * died is dropped within one health-check interval.
 */
final class ServiceInstances implements ReactiveDiscoveryClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

    private final Path instanceList;
    private final Map<String, List<ServiceInstance>> fixed;
    private volatile Snapshot snapshot = new Snapshot(null, -1, Map.of());

    private record Snapshot(FileTime modified, long size, Map<String, List<ServiceInstance>> instances) {
    }

    ServiceInstances(Path instanceList, Map<String, URI> fixedAddresses) {
        this.instanceList = instanceList == null || instanceList.toString().isBlank() ? null : instanceList;
        Map<String, List<ServiceInstance>> byName = new LinkedHashMap<>();
        fixedAddresses.forEach((name, uri) -> byName.put(name, List.of(instance(name, 1, uri))));
        this.fixed = Map.copyOf(byName);
    }

    @Override
    public String description() {
        return "Windshift service instances (" + (instanceList != null ? "launcher list " + instanceList : "fixed addresses") + ")";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        List<ServiceInstance> listed = current().get(serviceId);
        return Flux.fromIterable(listed != null ? listed : fixed.getOrDefault(serviceId, List.of()));
    }

    @Override
    public Flux<String> getServices() {
        Map<String, List<ServiceInstance>> all = new LinkedHashMap<>(fixed);
        all.putAll(current());
        return Flux.fromIterable(all.keySet());
    }

    /** The launcher's list, re-read when the file's time or size changed; empty when there is none. */
    Map<String, List<ServiceInstance>> current() {
        if (instanceList == null) {
            return Map.of();
        }
        try {
            if (!Files.exists(instanceList)) {
                return Map.of();
            }
            FileTime modified = Files.getLastModifiedTime(instanceList);
            long size = Files.size(instanceList);
            Snapshot seen = snapshot;
            if (modified.equals(seen.modified()) && size == seen.size()) {
                return seen.instances();
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(instanceList)) {
                properties.load(reader);
            }
            Map<String, List<ServiceInstance>> parsed = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                String[] urls = properties.getProperty(name).split(",");
                parsed.put(name, Arrays.stream(urls).map(String::trim).filter(u -> !u.isEmpty())
                        .map(u -> instance(name, parsed.size() + 1, URI.create(u))).toList());
            }
            snapshot = new Snapshot(modified, size, Map.copyOf(parsed));
            log.info("service instances from {}: {}", instanceList, properties);
            return snapshot.instances();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the instance list {} ({}); keeping the last one", instanceList, e.toString());
            return snapshot.instances();
        }
    }

    private static ServiceInstance instance(String name, int index, URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new DefaultServiceInstance(name + "-" + uri.getHost() + "-" + port, name, uri.getHost(), port,
                "https".equals(uri.getScheme()));
    }
}
