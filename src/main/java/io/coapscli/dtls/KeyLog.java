package io.coapscli.dtls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;

import org.eclipse.californium.elements.util.DatagramReader;
import org.eclipse.californium.elements.util.DatagramWriter;
import org.eclipse.californium.scandium.dtls.DTLSSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coapscli.files.FileErrors;

/**
 * An NSS key-log file ({@code CLIENT_RANDOM <client random> <master secret>}, one line per session), the
 * format Wireshark, curl and browsers share, so that a capture of our sessions can be decrypted.
 * <p>
 * Scandium keeps the master secret to itself; the one way it hands it out is the serialization it
 * offers for persisting sessions ({@link DTLSSession#writeTo}), which this class reads up to the secret.
 * Scandium keeps the secret only for sessions with a session ID (needed for resumption), which
 * Scandium's server and libcoap's give by default; a session without one is not logged and says so.
 * <p>
 * Anyone holding the file reads every logged session: it is created readable by its owner only.
 */
public final class KeyLog {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeyLog.class);

    /** The version of Scandium's session serialization read here (Scandium 3.x). */
    private static final int SESSION_FORMAT = 3;

    private final Path file;

    KeyLog(Path file) {
        this.file = file;
    }

    /** Appends the session's line; a session whose secret cannot be had is logged as a warning instead. */
    void record(byte[] clientRandom, DTLSSession session) {
        byte[] secret = masterSecretOf(session);
        if (secret == null) {
            LOGGER.warn("key log: no master secret for this session (the server gave no session ID), not logged");
            return;
        }
        HexFormat hex = HexFormat.of();
        String line = "CLIENT_RANDOM " + hex.formatHex(clientRandom) + " " + hex.formatHex(secret) + "\n";
        Arrays.fill(secret, (byte) 0);
        append(line);
    }

    /** Which key log a process uses, and what to tell its user about it on stderr. */
    public record Choice(Path file, String message) {
    }

    /**
     * The key log of a process: the option's file, which must be writable (an {@link IOException}
     * otherwise, the caller's usage error), else SSLKEYLOGFILE's, as curl and browsers read it, left aside
     * with a warning when it cannot be written. Either way the user is told, every time: the variable may
     * have been set for other programs.
     *
     * @param option the {@code --keylog} file, or null
     * @param environment the value of SSLKEYLOGFILE, or null
     */
    public static Choice choose(Path option, String environment) throws IOException {
        Path file = option != null ? option : environment == null || environment.isEmpty() ? null : Path.of(environment);
        if (file == null) {
            return new Choice(null, null);
        }
        try {
            prepare(file);
        } catch (IOException | RuntimeException e) {
            if (option != null) {
                throw new IOException("cannot write the key log " + file + ": " + FileErrors.describe(e), e);
            }
            return new Choice(null, "SSLKEYLOGFILE " + file + " cannot be written (" + FileErrors.describe(e)
                    + "); no key log");
        }
        return new Choice(file, "writing session secrets to " + file
                + " (key log): anyone with this file can decrypt the traffic");
    }


    /**
     * Makes sure the file can be appended to, creating it readable by its owner only; a process checks
     * this before any session, so that a key log it cannot write is said at once, not per session.
     */
    public static void prepare(Path file) throws IOException {
        createIfMissing(file);
        Files.newOutputStream(file, StandardOpenOption.APPEND).close();
    }

    /** Creates the file readable by its owner only, before any secret goes into it. */
    private static void createIfMissing(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
    }

    private synchronized void append(String line) {
        try {
            createIfMissing(file); // removed since the start, say
            Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOGGER.warn("key log: cannot write {}: {}", file, e.getMessage());
        }
    }

    /**
     * Reads the master secret out of Scandium's serialized session (version 3): version, length,
     * creation time, server names (cleared here to keep the layout fixed), record size limit, fragment
     * length, session ID, suite, compression, certificate types, renegotiation and EMS flags, then the secret.
     */
    static byte[] masterSecretOf(DTLSSession session) {
        DTLSSession copy = new DTLSSession(session);
        copy.setServerNames(null);
        DatagramWriter writer = new DatagramWriter(true);
        copy.writeTo(writer);
        byte[] serialized = writer.toByteArray();
        writer.close();
        try {
            DatagramReader reader = new DatagramReader(serialized);
            int version = reader.read(Byte.SIZE);
            if (version != SESSION_FORMAT) {
                LOGGER.warn("key log: unknown session format {}", version);
                return null;
            }
            reader.read(Short.SIZE); // length
            reader.readLong(Long.SIZE); // creation time
            reader.read(Byte.SIZE); // no server names
            reader.read(Short.SIZE); // record size limit
            reader.read(Short.SIZE); // maximum fragment length
            reader.readVarBytes(Byte.SIZE); // session ID
            reader.read(Short.SIZE); // cipher suite
            reader.readBytes(5); // compression, two certificate types, renegotiation, extended master secret
            byte[] secret = reader.readVarBytes(Byte.SIZE);
            return secret == null || secret.length != 48 ? null : secret;
        } finally {
            Arrays.fill(serialized, (byte) 0);
            try {
                copy.destroy();
            } catch (javax.security.auth.DestroyFailedException e) {
                // The copy's secret is left to the collector.
            }
        }
    }
}
