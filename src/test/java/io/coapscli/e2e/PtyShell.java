package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * coaps-cli on a pseudo-terminal, as a person at a keyboard runs it: util-linux {@code script} (in
 * Debian's essential bsdutils) gives it a pty, so it runs the interactive JLine shell. Its home is a
 * folder of the test's, so the history file is the test's too.
 */
final class PtyShell implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();

    private PtyShell(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        Thread reader = new Thread(() -> pump(process.getInputStream()), "pty-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static PtyShell launch(Path home, String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ShellProcess.root().resolve("coaps-cli").toString());
        command.addAll(List.of(options));
        // script gives the pty the size of its own standard input, a pipe here: 0 columns, in which JLine
        // cannot draw the line being typed or a completion list. A terminal's size, then the shell.
        String shell = "stty cols 120 rows 40; exec " + String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", shell, "/dev/null")
                .directory(ShellProcess.root().toFile()).redirectErrorStream(true);
        // Java takes its home from the password database, not $HOME.
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        builder.environment().put("TERM", "xterm");
        return new PtyShell(builder.start());
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (screen) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Types a line and waits until {@code expected} has appeared on the screen {@code times} times in all. */
    void type(String line, String expected, int times) throws IOException, InterruptedException {
        keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        awaitScreen(expected, times);
    }

    /** Waits until the prompt has been drawn {@code times} times: the shell reads keys in raw mode then. */
    void awaitPrompt(int times) throws InterruptedException {
        awaitScreen("\u001b[?2004h> ", times);
    }

    /** Sends keys as they are, without Enter: a Tab, say, or a paste. */
    void press(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Everything the program wrote to the terminal so far, escape sequences included. */
    String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    void awaitScreen(String expected, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (screen) {
            while (count(screen.toString(), expected) < times) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("<" + expected + "> not seen " + times + " times; screen: " + screen);
                }
                TimeUnit.NANOSECONDS.timedWait(screen, left);
            }
        }
    }

    void awaitExit(int status) throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("pty shell did not exit; screen: " + screen);
        }
        if (process.exitValue() != status) {
            fail("exit status " + process.exitValue() + "; screen: " + screen);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        // Only our own child, by its handle.
        if (process.isAlive()) {
            process.destroy();
        }
    }
}
