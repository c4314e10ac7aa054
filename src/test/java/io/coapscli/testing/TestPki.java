package io.coapscli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The test PKI of {@link TestCertificates#writeTestPki}, made once per test JVM (keytool is slow) in a
 * temporary folder that is removed when the JVM exits.
 */
public final class TestPki {

    private TestPki() {
    }

    private static final class Holder {
        static final Path DIR = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("coaps-cli-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                TestCertificates.writeTestPki(dir);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test PKI", e);
            }
        }

        private static void delete(Path dir) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder; the system cleans it up eventually
            }
        }
    }

    /** A file of the PKI: chain.crt, leaf.key, leaf-pkcs8.key, root.crt, anchors.pem, node.crt, node.key,
     * ca.crt, foreign.crt, foreign.key. */
    public static String file(String name) {
        return Holder.DIR.resolve(name).toString();
    }
}
