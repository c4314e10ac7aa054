package io.coapscli.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory {@code serve} publishes, and the only place that touches its files. A request's path is
 * a list of Uri-Path segments; every one is checked (no empty, {@code .}, {@code ..} or hidden segment,
 * no separator inside one) and the file it names must lie inside the directory once symbolic links are
 * followed, for reading as for writing. Writes go to a hidden temporary file beside the target and are
 * moved over it atomically, so that a reader (or an observer's notification) never sees half a file.
 */
final class ServedDirectory {

    /** RFC 7959 transfers stop at 65536 bytes in coaps-cli (CoapLimits); a bigger file is not served. */
    static final int MAX_FILE_BYTES = 65536;

    /** Why a path or a write was refused, with the CoAP code to answer. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final Path root;

    ServedDirectory(Path directory) throws IOException {
        this.root = directory.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new IOException(directory + " is not a directory");
        }
    }

    Path root() {
        return root;
    }

    /** The path the segments name inside the directory, checked; it need not exist. */
    Path resolve(List<String> segments) throws Refused {
        Path path = root;
        for (String segment : segments) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.indexOf('/') >= 0
                    || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                throw new Refused("4.04", "no such resource");
            }
            path = path.resolve(segment);
        }
        return path;
    }

    /** Whether the path (which exists) stays inside the directory when its links are followed. */
    private boolean inside(Path path) throws IOException {
        return path.toRealPath().startsWith(root);
    }

    /** A regular file's bytes; 4.04 for anything else or a link out of the directory. */
    byte[] read(Path path) throws Refused {
        try {
            if (!Files.isRegularFile(path) || !inside(path)) {
                throw new Refused("4.04", "no such resource");
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw new Refused("5.00", "the file is larger than " + MAX_FILE_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new Refused("4.04", "no such resource");
        } catch (IOException e) {
            throw new Refused("5.00", "cannot read: " + e.getMessage());
        }
    }

    boolean isDirectory(Path path) {
        try {
            return Files.isDirectory(path) && inside(path);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates or replaces the file atomically, creating missing folders; refuses a target that is a folder,
     * or whose nearest existing ancestor (or itself) leads out of the directory.
     */
    void write(Path path, byte[] body) throws Refused {
        try {
            if (path.equals(root) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused("4.05", "a folder: PUT names a file, POST to a folder creates one");
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && (Files.isSymbolicLink(path) || !inside(path))) {
                throw new Refused("4.03", "a link: not replaced");
            }
            Path existing = path.getParent();
            while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (!inside(existing) || !Files.isDirectory(existing)) {
                throw new Refused("4.03", "outside the served directory");
            }
            Files.createDirectories(path.getParent());
            if (!inside(path.getParent())) {
                throw new Refused("4.03", "outside the served directory");
            }
            Path temporary = Files.createTempFile(path.getParent(), ".coaps-", ".part");
            try {
                Files.write(temporary, body);
                try {
                    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new Refused("5.00", "cannot write: " + e.getMessage());
        }
    }

    /** Creates a new file in the folder for a POST; returns its path. */
    Path create(Path folder, int contentFormat, byte[] body) throws Refused {
        if (!isDirectory(folder)) {
            throw new Refused("4.05", "not a folder: POST creates a file in a folder");
        }
        String extension = ContentFormats.extensionFor(contentFormat);
        for (int attempt = 0; attempt < 1000; attempt++) {
            Path candidate = folder.resolve(System.currentTimeMillis() + "-" + attempt + extension);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                write(candidate, body);
                return candidate;
            }
        }
        throw new Refused("5.00", "no free name in the folder");
    }

    /** Removes a file; refuses folders and links. */
    void delete(Path path) throws Refused {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused("4.04", "no such resource");
            }
            if (Files.isSymbolicLink(path) || !Files.isRegularFile(path) || !inside(path)) {
                throw new Refused("4.03", "only files are deleted");
            }
            Files.delete(path);
        } catch (IOException e) {
            throw new Refused("5.00", "cannot delete: " + e.getMessage());
        }
    }

    /** The segments of a file or folder inside the directory, relative to it. */
    List<String> segmentsOf(Path path) {
        List<String> segments = new ArrayList<>();
        for (Path name : root.relativize(path)) {
            if (!name.toString().isEmpty()) {
                segments.add(name.toString());
            }
        }
        return segments;
    }

    /** Every regular file served (not hidden, not through a link out), sorted, as relative segments. */
    List<List<String>> files(Path folder) {
        List<List<String>> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(path -> !path.equals(folder))
                    .filter(path -> segmentsOf(path).stream().noneMatch(segment -> segment.startsWith(".")))
                    .filter(Files::isRegularFile)
                    .filter(path -> {
                        try {
                            return inside(path);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted()
                    .forEach(path -> files.add(segmentsOf(path)));
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder that vanished while walking: list what was seen.
        }
        return files;
    }

    /** The folders under the directory (itself included), for the watcher. */
    List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).forEach(folders::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // As above.
        }
        return folders;
    }
}
