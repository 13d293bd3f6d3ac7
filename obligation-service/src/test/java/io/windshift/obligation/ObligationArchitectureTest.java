package io.windshift.obligation;

import io.windshift.messaging.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ObligationArchitectureTest {

    @Test
    void keepsThePlatformLayering() {
        ServiceArchitecture.check("io.windshift.obligation");
    }
}
