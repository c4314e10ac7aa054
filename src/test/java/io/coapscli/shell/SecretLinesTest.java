package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which lines carry a key, how they are shown, and the private history that keeps none of them. */
class SecretLinesTest {

    @Test
    void pskLinesShowTheIdentityButNeverTheKey() {
        assertEquals("coaps psk ******** Client_identity", SecretLines.masked("coaps psk secretPSK Client_identity"));
        assertEquals("coaps psk -x ******** id", SecretLines.masked("coaps  psk -x 736563 id"));
        assertEquals("coaps psk ******** \"my id\"", SecretLines.masked("coaps psk \"my key\" \"my id\""));
        assertEquals("coap psk ******** id", SecretLines.masked("coap psk secret id"));
        assertEquals("coaps psk ********", SecretLines.masked("coaps psk onlykey"));
        assertEquals("coaps psk ********", SecretLines.masked("coaps psk \"unclosed secret id"));
        assertEquals("coaps psk", SecretLines.masked("coaps psk"));
        assertEquals("coaps get r con", SecretLines.masked("coaps get r con"));
    }

    @Test
    void anyLineWithThePskWordCarriesASecret() {
        assertTrue(SecretLines.carriesSecret("coaps psk k i"));
        assertTrue(SecretLines.carriesSecret("caops PSK k i"));
        assertTrue(SecretLines.carriesSecret("1795666147732:coaps psk k i"));
        assertTrue(SecretLines.carriesSecret("coaps psk \"k i"));
        assertFalse(SecretLines.carriesSecret("coaps get psk-status"));
        assertFalse(SecretLines.carriesSecret("coaps start"));
    }

    @Test
    void theHistoryKeepsNoKeyLinesAndTheFileIsPrivate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".coaps-cli_history");
        // What an older version left: a key in clear text, readable by everyone.
        Files.write(file, List.of("1795666140000:coaps psk secretPSK Client_identity", "1795666141000:coaps start"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateHistory.secure(file);
        assertEquals(List.of("1795666141000:coaps start"), Files.readAllLines(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        PrivateHistory history = new PrivateHistory();
        history.add(Instant.now(), "coaps psk -x 736563 id");
        history.add(Instant.now(), "coaps get r");
        assertEquals(1, history.size());
        assertEquals("coaps get r", history.get(history.last()));

        Path fresh = dir.resolve("new_history");
        PrivateHistory.secure(fresh);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }
}
