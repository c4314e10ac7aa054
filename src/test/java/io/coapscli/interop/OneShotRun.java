package io.coapscli.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One whole {@code coaps-cli <subcommand> ...} process: its exit status, standard output and error. */
record OneShotRun(int exitCode, byte[] stdout, String stderr) {

    static OneShotRun of(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServeProcess.root().resolve("coaps-cli").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ServeProcess.root().toFile()).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end within 60 s");
        }
        return new OneShotRun(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
