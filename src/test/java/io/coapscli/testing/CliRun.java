package io.coapscli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the README's {@code ./coaps-cli} with arguments, to its end: exit status, stdout bytes, stderr. */
public record CliRun(int exitCode, byte[] stdout, String stderr) {

    private static final long TIMEOUT_SECONDS = 120;

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public static CliRun of(String... args) throws IOException, InterruptedException {
        return of(null, args);
    }

    /** With {@code stdin} (or nothing) as standard input. */
    public static CliRun of(byte[] stdin, String... args) throws IOException, InterruptedException {
        return withEnvironment(Map.of(), stdin, args);
    }

    /** With these variables added to the environment. */
    public static CliRun withEnvironment(Map<String, String> environment, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("coapscli.root", ".")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("coaps-cli").toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile("coaps-cli-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin);
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new CliRun(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
