package io.windshift.notification;

import io.windshift.messaging.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class NotificationArchitectureTest {

    @Test
    void keepsThePlatformLayering() {
        ServiceArchitecture.check("io.windshift.notification");
    }
}
