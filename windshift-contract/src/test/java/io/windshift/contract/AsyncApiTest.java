package io.windshift.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/asyncapi.yaml} documents every event type and is exactly what the contract generates. */
class AsyncApiTest {

    static final Path FILE = Path.of("..", "docs", "asyncapi.yaml");

    @Test
    void theCommittedDocumentIsWhatTheContractGenerates() throws IOException {
        String generated = AsyncApiDocument.render();
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated);
        }
        assertThat(FILE).as("run with -Dasyncapi.write=true to write it").exists();
        assertThat(Files.readString(FILE)).as("docs/asyncapi.yaml is stale: run AsyncApiTest with -Dasyncapi.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyEventTypeHasAMessageInTheChannelOfItsTopic() throws IOException {
        String document = Files.readString(FILE);
        for (EventType type : EventType.values()) {
            assertThat(document).as(type.wireName())
                    .contains("\n    " + type.wireName() + ":\n      name: " + type.wireName() + "\n")
                    .contains("- $ref: '#/channels/" + AsyncApiDocument.channel(type.topic()) + "/messages/" + type.wireName() + "'")
                    .contains("$ref: '#/components/schemas/" + AsyncApiDocument.schemaName(type.payloadType()) + "'");
        }
        for (String topic : Topics.ALL) {
            assertThat(document).contains("address: " + topic);
        }
    }
}
