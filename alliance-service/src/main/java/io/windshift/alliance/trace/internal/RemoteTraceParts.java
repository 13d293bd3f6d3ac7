package io.windshift.alliance.trace.internal;

import io.windshift.messaging.trace.TracePart;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks obligation-service and notification-service for their part of an event's trace, with the caller's own
 * token (each service scopes its part by it). Addresses: the local launcher's instance list ({@code NAME=url,url},
 * tried in order, so a stopped instance is skipped), else one fixed address per service (DNS in compose and
 * Kubernetes). A service that does not answer within the timeout is reported as unavailable, not waited for.
 */
@Component
public class RemoteTraceParts {

    private static final Logger log = LoggerFactory.getLogger(RemoteTraceParts.class);
    public static final List<String> SERVICES = List.of("obligation-service", "notification-service");

    private final RestClient http;
    private final Path instanceList;
    private final Map<String, String> fixed;

    RemoteTraceParts(@Value("${windshift.trace.instance-list:}") String instanceList,
                     @Value("${windshift.trace.obligation-service:http://localhost:8082}") String obligationService,
                     @Value("${windshift.trace.notification-service:http://localhost:8083}") String notificationService,
                     @Value("${windshift.trace.timeout:3s}") Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests).build();
        this.instanceList = instanceList.isBlank() ? null : Path.of(instanceList);
        this.fixed = Map.of("obligation-service", obligationService, "notification-service", notificationService);
    }

    /** The service's part, or empty when no instance of it answered. */
    public Optional<TracePart> part(String service, String eventId, String authorization) {
        for (String base : addressesOf(service)) {
            try {
                TracePart part = http.get().uri(base.replaceAll("/+$", "") + "/internal/v1/events/{id}/trace", eventId)
                        .header(HttpHeaders.AUTHORIZATION, authorization).retrieve().body(TracePart.class);
                if (part != null) {
                    return Optional.of(part);
                }
            } catch (RestClientException | IllegalArgumentException e) {
                log.warn("trace part of {} from {} unavailable: {}", service, base, e.toString());
            }
        }
        return Optional.empty();
    }

    List<String> addressesOf(String service) {
        List<String> addresses = new ArrayList<>(listed().getOrDefault(service, List.of()));
        if (addresses.isEmpty()) {
            addresses.add(fixed.get(service));
        }
        return addresses;
    }

    private Map<String, List<String>> listed() {
        if (instanceList == null || !Files.exists(instanceList)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(instanceList)) {
            properties.load(reader);
        } catch (IOException e) {
            log.warn("cannot read the instance list {}: {}", instanceList, e.toString());
            return Map.of();
        }
        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            listed.put(name, Arrays.stream(properties.getProperty(name).split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList());
        }
        return listed;
    }
}
