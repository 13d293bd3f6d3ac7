package io.windshift.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Golden files pin the wire format integrators and other services read. A failing test here means the
 * contract changed: make it a new versioned type instead, or update the golden file deliberately.
 * Run with {@code -Dgolden.update=true} to rewrite the files after a deliberate change.
 */
class WireFormatTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<EventType> types() {
        return Arrays.stream(EventType.values());
    }

    @Test
    void everyTypeHasASample() {
        assertThat(WireFormatSamples.PAYLOADS).containsOnlyKeys(EventType.values());
    }

    @ParameterizedTest
    @MethodSource("types")
    void serialisesExactlyAsTheGoldenFile(EventType type) throws IOException {
        String json = EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(WireFormatSamples.sample(type));
        Path file = GOLDEN.resolve(type.wireName() + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualToIgnoringNewLines(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    @ParameterizedTest
    @MethodSource("types")
    void readsTheGoldenFileBackIntoTheSamePayload(EventType type) throws IOException {
        CloudEvent event = EventJson.read(Files.readString(GOLDEN.resolve(type.wireName() + ".json")));
        assertThat(event.knownType()).contains(type);
        assertThat(event.dataAs(type.payloadType())).isEqualTo(WireFormatSamples.PAYLOADS.get(type));
        assertThat(EventJson.write(event)).isEqualTo(EventJson.write(WireFormatSamples.sample(type)));
    }

    @Test
    void datesAreIsoStringsNotTimestamps() {
        JsonNode tree = EventJson.mapper().valueToTree(WireFormatSamples.sample(EventType.HR_WORKER_TERMINATED));
        assertThat(tree.get("time").asString()).isEqualTo("2026-11-20T09:30:00Z");
        assertThat(tree.get("data").get("effectiveDate").asString()).isEqualTo("2026-12-01");
    }

    @Test
    void unknownFieldsFromANewerProducerAreTolerated() {
        CloudEvent event = EventJson.read("""
                {"specversion":"1.0","id":"e1","source":"/hr","type":"hr.worker.terminated","futureAttribute":true,
                 "data":{"personId":"p-1","effectiveDate":"2026-12-01","newField":"x"}}""");
        assertThat(event.dataAs(io.windshift.contract.hr.WorkerTerminated.class).personId()).isEqualTo("p-1");
    }
}
