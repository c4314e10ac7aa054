package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code coaps-cli serve} process on 127.0.0.1 (a free port of its own choice), its request log read
 * line by line as JSON. Ended with SIGTERM by {@link #close()}, which asserts exit status 0.
 */
final class ServeProcess implements AutoCloseable {

    static final Duration LINE_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern START_LINE =
            java.util.regex.Pattern.compile("coaps-cli serve: .* at coaps://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final int port;

    private ServeProcess(Process process, Path stderr) throws IOException, InterruptedException {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "serve-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = awaitPort();
        } catch (AssertionError | RuntimeException | IOException | InterruptedException e) {
            // Never left running: a server that did not say where it listens is ended here, by its PID.
            process.destroyForcibly();
            throw e;
        }
    }

    /** Starts {@code coaps-cli serve DIR --psk secretPSK --bind 127.0.0.1 --port 0} with these options added. */
    static ServeProcess start(Path directory, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root().resolve("coaps-cli").toString(), "serve",
                directory.toString(), "--psk", "secretPSK", "--bind", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(options));
        Path stderr = Files.createTempFile("coaps-cli-serve-stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(root().toFile()).redirectError(stderr.toFile()).start();
        return new ServeProcess(process, stderr);
    }

    static Path root() {
        return Path.of(System.getProperty("coapscli.root", ".")).toAbsolutePath();
    }

    /** The port from the start line on stderr ("... at coaps://127.0.0.1:PORT/"). */
    private int awaitPort() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LINE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(stderr)) {
                java.util.regex.Matcher start = START_LINE.matcher(line);
                if (start.matches()) {
                    return Integer.parseInt(start.group(1));
                }
            }
            if (!process.isAlive()) {
                fail("serve exited with " + process.exitValue() + ": " + stderrText());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not say where it listens: " + stderrText());
    }

    int port() {
        return port;
    }

    String uri(String path) {
        return "coaps://127.0.0.1:" + port + path;
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The next log line that matches, within the timeout; lines before it are kept in {@link #seen}. */
    JsonNode await(String what, Predicate<JsonNode> matches) throws InterruptedException {
        long deadline = System.nanoTime() + LINE_TIMEOUT.toNanos();
        while (true) {
            JsonNode line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no log line " + what + " within " + LINE_TIMEOUT + "; seen " + seen
                        + "; stderr: " + stderrText());
            }
            seen.add(line);
            if (matches.test(line)) {
                return line;
            }
        }
    }

    /** The next request line for this method and path. */
    JsonNode awaitRequest(String method, String path) throws InterruptedException {
        return await(method + " " + path, line -> line.path("event").asText().equals("request")
                && line.path("method").asText().equals(method) && line.path("path").asText().equals(path));
    }

    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("serve did not end within " + LINE_TIMEOUT + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            assertEquals(0, terminate(), "exit status after SIGTERM; stderr: " + stderrText());
        }
        Files.deleteIfExists(stderr);
    }
}
