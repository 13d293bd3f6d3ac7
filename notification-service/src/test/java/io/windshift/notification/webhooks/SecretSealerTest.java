package io.windshift.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretSealerTest {

    @Test
    void withAKeySecretsAreStoredEncryptedAndPlainOnesStayReadable() {
        SecretSealer sealer = new SecretSealer("a long random encryption key for tests only");
        String sealed = sealer.seal("whsec_abc");
        assertThat(sealed).startsWith("aes-gcm:").doesNotContain("whsec_abc").isNotEqualTo(sealer.seal("whsec_abc"));
        assertThat(sealer.open(sealed)).isEqualTo("whsec_abc");
        assertThat(sealer.open(new SecretSealer(null).seal("whsec_old"))).isEqualTo("whsec_old");
    }

    @Test
    void withoutTheKeyAnEncryptedSecretCannotBeRead() {
        String sealed = new SecretSealer("key one").seal("whsec_abc");
        assertThatThrownBy(() -> new SecretSealer(null).open(sealed)).hasMessageContaining("encryption-key is not set");
        assertThatThrownBy(() -> new SecretSealer("key two").open(sealed)).hasMessageContaining("cannot be decrypted");
        assertThat(new SecretSealer(null).seal("whsec_abc")).isEqualTo("plain:whsec_abc");
    }
}
