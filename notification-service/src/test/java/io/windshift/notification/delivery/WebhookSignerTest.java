package io.windshift.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsTimestampDotBodyAndAReceiverChecksTheReplayWindow() {
        String signature = WebhookSigner.sign("s3cret", 1_700_000_000L, "{\"text\":\"hi\"}");
        assertThat(signature).isEqualTo("sha256=a4abab2c9ec335a751cf8c3848e413a84a4e0eef17a9660d993911fafacadb66");
        // Known answer: printf '1700000000.{"text":"hi"}' | openssl dgst -sha256 -hmac s3cret
        assertThat(WebhookSigner.verify("s3cret", "1700000000", "{\"text\":\"hi\"}", signature, 1_700_000_100L, 300)).isTrue();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", "{\"text\":\"hi\"}", signature, 1_700_000_400L, 300)).as("replayed late").isFalse();
        assertThat(WebhookSigner.verify("other", "1700000000", "{\"text\":\"hi\"}", signature, 1_700_000_000L, 300)).isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000001", "{\"text\":\"hi\"}", signature, 1_700_000_000L, 300)).as("timestamp is signed").isFalse();
    }

    @Test
    void duringARotationTheHeaderListsOneValuePerSecretAndEitherSecretVerifies() {
        String body = "{\"text\":\"hi\"}";
        String header = WebhookSigner.signAll(java.util.List.of("new", "old"), 1_700_000_000L, body);
        assertThat(header).isEqualTo(WebhookSigner.sign("new", 1_700_000_000L, body) + ", " + WebhookSigner.sign("old", 1_700_000_000L, body));
        assertThat(WebhookSigner.verify("new", "1700000000", body, header, 1_700_000_000L, 300)).isTrue();
        assertThat(WebhookSigner.verify("old", "1700000000", body, header, 1_700_000_000L, 300)).isTrue();
        assertThat(WebhookSigner.verify("other", "1700000000", body, header, 1_700_000_000L, 300)).isFalse();
        assertThat(WebhookSigner.signAll(java.util.List.of("new"), 1_700_000_000L, body)).isEqualTo(WebhookSigner.sign("new", 1_700_000_000L, body));
    }
}
