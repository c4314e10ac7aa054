package io.coapscli.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads what the user names (credential files, scripts) whole but never without end: a regular file, or
 * a stream, of at most a given size. A device such as /dev/zero, a FIFO or a huge file is refused at once
 * instead of filling the memory. Every refusal is an {@link IOException} whose message is the reason in
 * words: {@code no such file}, {@code not a regular file}, {@code permission denied},
 * {@code larger than N bytes}.
 */
public final class BoundedFile {

    private BoundedFile() {
    }

    public static byte[] read(Path file, int maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes);
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied", e);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file", e);
        }
    }

    /** At most {@code maxBytes} from the stream, which is left open. */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        byte[] content = in.readNBytes(maxBytes + 1);
        if (content.length > maxBytes) {
            throw new IOException("larger than " + maxBytes + " bytes");
        }
        return content;
    }
}
