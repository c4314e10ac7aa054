package io.coapscli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedDirectoryTest {

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    @Test
    void segmentsThatCouldLeaveOrReachHiddenFilesAreRefusedAsNotFound() throws Exception {
        ServedDirectory served = new ServedDirectory(dir);
        for (List<String> segments : List.of(List.of(".."), List.of("a", ".."), List.of("."), List.of(""),
                List.of(".coaps.json"), List.of("a/../..", "x"), List.of("a\\..\\x"), List.of("nul\0"))) {
            ServedDirectory.Refused refused = assertThrows(ServedDirectory.Refused.class, () -> served.resolve(segments),
                    segments.toString());
            assertEquals("4.04", refused.code, segments.toString());
        }
        assertEquals(served.root().resolve("a/b.txt"), served.resolve(List.of("a", "b.txt")));
    }

    @Test
    void linksOutOfTheDirectoryAreNeitherReadNorWrittenThroughNorDeleted() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("leak.txt"), outside.resolve("secret.txt"));
        ServedDirectory served = new ServedDirectory(dir);

        assertEquals("4.04", assertThrows(ServedDirectory.Refused.class,
                () -> served.read(served.resolve(List.of("leak.txt")))).code);
        assertEquals("4.04", assertThrows(ServedDirectory.Refused.class,
                () -> served.read(served.resolve(List.of("link", "secret.txt")))).code);
        assertEquals("4.03", assertThrows(ServedDirectory.Refused.class,
                () -> served.write(served.resolve(List.of("link", "new.txt")), new byte[] {1})).code);
        assertEquals("4.03", assertThrows(ServedDirectory.Refused.class,
                () -> served.write(served.resolve(List.of("link", "deeper", "new.txt")), new byte[] {1})).code);
        assertEquals("4.03", assertThrows(ServedDirectory.Refused.class,
                () -> served.write(served.resolve(List.of("leak.txt")), new byte[] {1})).code);
        assertEquals("4.03", assertThrows(ServedDirectory.Refused.class,
                () -> served.delete(served.resolve(List.of("leak.txt")))).code);
        assertEquals(List.of(), served.files(served.root()), "links out are not listed");
        assertEquals(List.of("secret.txt"), Files.list(outside).map(p -> p.getFileName().toString()).toList());
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void aWriteCreatesFoldersReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        ServedDirectory served = new ServedDirectory(dir);
        Path file = served.resolve(List.of("a", "b", "c.json"));
        served.write(file, "{\"v\":1}".getBytes());
        served.write(file, "{\"v\":2}".getBytes());
        assertArrayEquals("{\"v\":2}".getBytes(), served.read(file));
        assertEquals(List.of(List.of("a", "b", "c.json")), served.files(served.root()));
        try (var all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".coaps-")).toList());
        }
        assertEquals("4.05", assertThrows(ServedDirectory.Refused.class,
                () -> served.write(served.resolve(List.of("a")), new byte[0])).code, "a folder is not overwritten");
    }

    @Test
    void aPostedBodyBecomesANewFileNamedForItsContentFormat() throws Exception {
        ServedDirectory served = new ServedDirectory(dir);
        Path created = served.create(served.root(), 50, "{}".getBytes());
        assertEquals(dir.toRealPath(), created.getParent());
        assertEquals(true, created.getFileName().toString().endsWith(".json"));
        assertEquals(50, ContentFormats.ofName(created.getFileName().toString()));
    }

    @Test
    void contentFormatsFollowTheLongestExtension() {
        assertEquals(0, ContentFormats.ofName("a.txt"));
        assertEquals(40, ContentFormats.ofName("a.link"));
        assertEquals(41, ContentFormats.ofName("a.xml"));
        assertEquals(50, ContentFormats.ofName("a.json"));
        assertEquals(60, ContentFormats.ofName("a.cbor"));
        assertEquals(110, ContentFormats.ofName("pack.senml.json"));
        assertEquals(112, ContentFormats.ofName("PACK.SENML.CBOR"));
        assertEquals(42, ContentFormats.ofName("firmware.bin"));
        assertEquals(42, ContentFormats.ofName("README"));
    }
}
