package io.windshift.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalMongoServerTest {

    @TempDir
    Path dir;

    @Test
    void startsOnAFileInNewDirectoriesAndReopensIt() throws Exception {
        Path file = dir.resolve("data/mongo/test.mv");

        LocalMongoServer first = LocalMongoServer.start("127.0.0.1", 0, file);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", first.port()), 2000);
            assertThat(socket.isConnected()).isTrue();
        }
        first.commit();
        first.close();
        first.close(); // idempotent, as the shutdown hook may race with an explicit close

        assertThat(file).exists();

        LocalMongoServer second = LocalMongoServer.start("127.0.0.1", 0, file);
        try {
            assertThat(second.port()).isPositive();
        } finally {
            second.close();
        }
    }
}
