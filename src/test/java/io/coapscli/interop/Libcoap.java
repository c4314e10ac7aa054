package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.coapscli.testing.RequiredProgram;

/**
 * Debian's libcoap example programs (package libcoap3-bin) as real third-party peers. Where they are not
 * installed the interop tests are skipped with the reason, except under CI=true, where that fails.
 */
final class Libcoap {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private Libcoap() {
    }

    /** The program's path, or the test is skipped (locally) or failed (in CI). */
    static Path require(String program) {
        return RequiredProgram.require(program, "libcoap3-bin");
    }

    /** What one coap-client run printed and wrote. */
    record ClientRun(int exitCode, String output, byte[] payload) {
        /** libcoap's `-v 6` log lines of the messages it received, e.g. "v:1 t:ACK c:2.05 ...". */
        boolean received(String typeAndCode) {
            return output.lines().anyMatch(line -> line.contains(typeAndCode));
        }
    }

    /**
     * Runs a libcoap client with `-v 6 -o FILE` added and returns its log and the payload it wrote. Its
     * exit status says nothing (it is 0 after a timeout too), so callers judge the output.
     */
    /** A client run with the PSK secretPSK / Client_identity; a failure to run is an unchecked one. */
    static ClientRun pskClient(String program, String... args) {
        List<String> all = new ArrayList<>(List.of("-u", "Client_identity", "-k", "secretPSK"));
        all.addAll(List.of(args));
        try {
            return client(program, all.toArray(new String[0]));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientRun client(String program, String... args) throws IOException, InterruptedException {
        Path payload = Files.createTempFile("coap-client-payload", ".bin");
        Files.delete(payload);
        List<String> command = new ArrayList<>();
        command.add(require(program).toString());
        command.addAll(List.of("-v", "6", "-o", payload.toString()));
        if (!List.of(args).contains("-B")) {
            command.addAll(List.of("-B", "10"));
        }
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try {
            if (!process.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not end within " + CLIENT_TIMEOUT);
            }
            output = process.getInputStream().readAllBytes();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        byte[] written = Files.exists(payload) ? Files.readAllBytes(payload) : new byte[0];
        Files.deleteIfExists(payload);
        return new ClientRun(process.exitValue(), new String(output, StandardCharsets.UTF_8), written);
    }
}
