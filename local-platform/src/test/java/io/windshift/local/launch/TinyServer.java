package io.windshift.local.launch;

import java.net.ServerSocket;

/** A process for the supervisor tests: listens on the port it is given until killed; "fail" exits at once. */
public final class TinyServer {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("fail")) {
            System.out.println("failing on purpose");
            System.exit(3);
        }
        try (ServerSocket socket = new ServerSocket(Integer.parseInt(args[0]))) {
            System.out.println("listening on " + args[0]);
            while (true) {
                socket.accept().close();
            }
        }
    }
}
