package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A libcoap example server process on loopback. Its DTLS port is the plain port plus one; it logs every
 * message it sends and receives (`-v 7`), which tests read to check codes on its side.
 */
final class LibcoapServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final InetSocketAddress secureAddress;

    private LibcoapServer(Process process, Path log, InetSocketAddress secureAddress) {
        this.process = process;
        this.log = log;
        this.secureAddress = secureAddress;
    }

    /** Starts {@code program -A address -p port -v 7 args...} on a free pair of ports and waits until it listens. */
    static LibcoapServer start(String program, InetAddress address, String... args)
            throws IOException, InterruptedException {
        Path binary = Libcoap.require(program);
        int plainPort = freePortPair(address);
        // stdbuf: libcoap prints its message log on stdout, which a file would otherwise buffer.
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", binary.toString(), "-A",
                address.getHostAddress(), "-p", String.valueOf(plainPort), "-v", "7"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("libcoap-server", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LibcoapServer server = new LibcoapServer(process, log, new InetSocketAddress(address, plainPort + 1));
        server.awaitListening(program.endsWith("-notls"));
        return server;
    }

    InetSocketAddress secureAddress() {
        return secureAddress;
    }

    int securePort() {
        return secureAddress.getPort();
    }

    /**
     * Whether the server's log has, or gets within a few seconds, a line containing all of these, e.g.
     * "t:ACK c:2.04". libcoap may write the line after the datagram left, so a peer can see the message first.
     */
    boolean logged(String... parts) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        while (!hasLine(parts)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20); // poll the log until the deadline
        }
        return true;
    }

    private boolean hasLine(String... parts) throws IOException {
        return Files.readAllLines(log).stream().anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    /** libcoap logs each endpoint it creates; the DTLS one comes last, and a notls build has only UDP and TCP. */
    private void awaitListening(boolean plain) throws InterruptedException, IOException {
        String ready = plain ? "created TCP  endpoint" : "created DTLS endpoint";
        String port = ":" + (plain ? secureAddress.getPort() - 1 : secureAddress.getPort());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (hasLine(ready, port)) {
                return;
            }
            if (!process.isAlive()) {
                fail("libcoap server exited: " + logText());
            }
            Thread.sleep(20); // poll the log until the deadline
        }
        fail("libcoap server did not report " + ready + " " + port + " within " + START_TIMEOUT + ": " + logText());
    }

    private static int freePortPair(InetAddress address) throws SocketException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 60000);
            try (DatagramSocket plain = new DatagramSocket(new InetSocketAddress(address, port));
                    DatagramSocket secure = new DatagramSocket(new InetSocketAddress(address, port + 1))) {
                return port;
            } catch (SocketException e) {
                // taken; try another
            }
        }
        throw new SocketException("no free port pair on " + address);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Our own child, by its handle.
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(log);
    }
}
