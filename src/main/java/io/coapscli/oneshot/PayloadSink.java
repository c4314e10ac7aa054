package io.coapscli.oneshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a response payload goes: standard output, or {@code -o FILE}. The file is checked before anything
 * is sent, and replaced atomically (a temporary file beside it, renamed) only with a 2.xx payload, so a
 * failed request never empties or truncates it.
 */
final class PayloadSink {

    /** What a new file gets (a file that is replaced keeps its own): what umask 022 leaves of 0666. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path file;

    private PayloadSink(Path file) {
        this.file = file;
    }

    static PayloadSink standardOutput() {
        return new PayloadSink(null);
    }

    /** A file that can be written, or a usage error that says why it cannot. */
    static PayloadSink file(Path given) throws OneShot.UsageError {
        Path file = given.toAbsolutePath();
        Path folder = file.getParent();
        if (Files.isDirectory(file)) {
            throw new OneShot.UsageError("cannot write the payload to " + given + ": it is a directory");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new OneShot.UsageError("cannot write the payload to " + given + ": no such directory");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new OneShot.UsageError("cannot write the payload to " + given + ": permission denied");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".coaps-cli-", ".tmp"));
        } catch (AccessDeniedException e) {
            throw new OneShot.UsageError("cannot write the payload to " + given + ": permission denied in " + folder);
        } catch (IOException e) {
            throw new OneShot.UsageError("cannot write the payload to " + given + ": " + e.getMessage());
        }
        return new PayloadSink(file);
    }

    /** Writes a successful payload (a notification's with a line after it, on standard output). */
    void write(byte[] body, boolean lineAfter) throws IOException {
        if (file == null) {
            OutputStream out = System.out;
            out.write(body);
            if (lineAfter) {
                out.write('\n');
            }
            out.flush();
            return;
        }
        Path temporary = Files.createTempFile(file.getParent(), ".coaps-cli-", ".tmp");
        try {
            Files.write(temporary, body);
            Files.setPosixFilePermissions(temporary,
                    Files.exists(file) ? Files.getPosixFilePermissions(file) : NEW_FILE);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
