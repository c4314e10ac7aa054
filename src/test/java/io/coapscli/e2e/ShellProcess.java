package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A coaps-cli process started through the launcher, as a user would, driven through stdin and stdout. */
final class ShellProcess implements AutoCloseable {

    static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final List<String> seen = new ArrayList<>();

    private final Thread reader;

    private ShellProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::pumpStdout, "stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private boolean readerAlive() {
        return reader.isAlive();
    }

    static Path root() {
        return Path.of(System.getProperty("coapscli.root", ".")).toAbsolutePath();
    }

    static ShellProcess launch(String... options) throws IOException {
        return launchWithEnvironment(java.util.Map.of(), options);
    }

    /** Launches with these variables added to the environment. */
    static ShellProcess launchWithEnvironment(java.util.Map<String, String> environment, String... options)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("coaps-cli").toString());
        command.addAll(List.of(options));
        Path stderr = Files.createTempFile("coaps-cli-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new ShellProcess(builder.start(), stderr);
    }

    /** Launches inside a network namespace ({@code ip netns exec}), as a process on another host. */
    static ShellProcess launchIn(String namespace, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                root().resolve("coaps-cli").toString()));
        command.addAll(List.of(options));
        Path stderr = Files.createTempFile("coaps-cli-stderr", ".txt");
        return new ShellProcess(new ProcessBuilder(command).directory(root().toFile()).redirectError(stderr.toFile())
                .start(), stderr);
    }

    private void pumpStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stdout.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Sends a command and expects these lines next. */
    void run(String line, String... expected) throws IOException, InterruptedException {
        send(line);
        for (String each : expected) {
            expect(each);
        }
    }

    /** The next stdout line, within the timeout. */
    String nextLine() throws InterruptedException {
        String line = stdout.poll(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no line within " + LINE_TIMEOUT + "; seen " + seen + "; stderr: " + stderrText());
        }
        seen.add(line);
        return line;
    }

    /** The next stdout line within this time, or null when none came (the process may have ended). */
    String pollLine(Duration within) throws InterruptedException {
        String line = stdout.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (line != null) {
            seen.add(line);
        }
        return line;
    }

    boolean isAlive() {
        return process.isAlive() || readerAlive() || !stdout.isEmpty();
    }

    /** The next stdout line must be this one, within the timeout. */
    void expect(String expected) throws InterruptedException {
        String line = stdout.poll(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no line within " + LINE_TIMEOUT + "; expected <" + expected + ">; seen " + seen + "; stderr: "
                    + stderrText());
        }
        seen.add(line);
        if (!expected.equals(line)) {
            fail("expected <" + expected + "> but got <" + line + ">; seen " + seen + "; stderr: " + stderrText());
        }
    }

    /**
     * Sends SIGTERM to our child, by its handle. Not Process.destroy(): that also closes our end of its
     * stdout, and the lines it prints while shutting down would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL to our child, by its handle: it dies without a word to anyone, as in a crash. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every line, once the process exited on its own within the time given; returns its exit status too. */
    int linesUntilAnyExit(java.time.Duration within, List<String> lines) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("process " + process.pid() + " did not exit within " + within + "; stderr: " + stderrText());
        }
        lines.addAll(drainAfterExit());
        return process.exitValue();
    }

    List<String> linesUntilExit(int status) throws InterruptedException {
        awaitExit(status);
        return drainAfterExit();
    }

    private List<String> drainAfterExit() throws InterruptedException {
        // The reader thread drains what is left once the stream closes.
        long deadline = System.nanoTime() + LINE_TIMEOUT.toNanos();
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                lines.add(line);
            } else if (!readerAlive()) {
                stdout.drainTo(lines);
                return lines;
            }
        }
        return lines;
    }

    /** Ends standard input, as a script's end does. */
    void closeInput() throws IOException {
        stdin.close();
    }

    /** Sends {@code exit} and expects a clean end with status 0. */
    void exit() throws IOException, InterruptedException {
        run("exit", "Done");
        awaitExit(0);
    }

    void awaitExit(int status) throws InterruptedException {
        if (!process.waitFor(LINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("process " + process.pid() + " did not exit; stderr: " + stderrText());
        }
        assertEquals(status, process.exitValue(), "exit status; stderr: " + stderrText());
    }

    List<String> remainingLines() {
        List<String> rest = new ArrayList<>();
        stdout.drainTo(rest);
        return rest;
    }

    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        // Only our own child, by its handle.
        if (process.isAlive()) {
            process.destroy();
        }
        Files.deleteIfExists(stderr);
    }
}
