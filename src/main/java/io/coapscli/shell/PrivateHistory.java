package io.coapscli.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jline.reader.impl.history.DefaultHistory;

/**
 * The interactive history, kept private: lines that carry a PSK ({@link SecretLines}) are never added,
 * and the file is readable by its owner only (0600). Lines with keys that an older version wrote are
 * removed from the file before it is loaded.
 */
final class PrivateHistory extends DefaultHistory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public void add(Instant time, String line) {
        if (!SecretLines.carriesSecret(line)) {
            super.add(time, line);
        }
    }

    /** Creates the file 0600, or makes an existing one 0600 and drops its lines with keys. */
    static void secure(Path file) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                // another coaps-cli made it meanwhile; secured below
            }
        }
        if (posix) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(line -> !SecretLines.carriesSecret(line)).toList();
        if (kept.size() != lines.size()) {
            // A private temporary file beside it, moved over it: the keys are never in a readable file.
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".coaps-cli_history", ".tmp",
                    ownerOnly);
            Files.write(temporary, kept, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
