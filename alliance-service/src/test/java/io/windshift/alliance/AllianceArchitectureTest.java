package io.windshift.alliance;

import io.windshift.messaging.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class AllianceArchitectureTest {

    @Test
    void keepsThePlatformLayering() {
        ServiceArchitecture.check("io.windshift.alliance");
    }
}
