package io.coapscli.dtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.californium.elements.util.Asn1DerDecoder;
import org.eclipse.californium.elements.util.PemReader;
import org.eclipse.californium.elements.util.SslContextUtil;

import io.coapscli.files.BoundedFile;

/** Credential files in PEM, read with Californium's parsers, and the built-in test credentials. */
final class PemFiles {

    private static final String BUILT_IN = "/credentials/";

    /**
     * A credential file's largest size: a certificate chain is a few KB; 1 MiB still takes a system CA
     * bundle (about 220 KB on Debian) as trust anchors.
     */
    static final int MAX_FILE_BYTES = 1 << 20;

    private PemFiles() {
    }

    /**
     * A credential file, only if it is a regular file of at most {@link #MAX_FILE_BYTES}: a device, a
     * FIFO or a huge file would otherwise be read without end.
     */
    static byte[] read(Path file) throws CredentialException {
        try {
            return BoundedFile.read(file, MAX_FILE_BYTES);
        } catch (IOException | SecurityException e) {
            throw new CredentialException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Keys and certificates as Californium reads them (PKCS#8 and SEC1 keys, chains). */
    static SslContextUtil.Credentials parse(byte[] pem, String what) throws CredentialException {
        try (InputStream in = new ByteArrayInputStream(pem)) {
            return SslContextUtil.loadPemCredentials(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CredentialException("cannot read " + what + " PEM: " + e.getMessage());
        }
    }

    /** Every PUBLIC KEY block of the file (Californium's loader keeps only the last one). */
    static List<PublicKey> publicKeys(byte[] pem, String what) throws CredentialException {
        List<PublicKey> keys = new ArrayList<>();
        PemReader reader = new PemReader(new ByteArrayInputStream(pem));
        try {
            String tag;
            while ((tag = reader.readNextBegin()) != null) {
                byte[] der = reader.readToEnd();
                if (der != null && tag.equals("PUBLIC KEY")) {
                    PublicKey key = Asn1DerDecoder.readSubjectPublicKey(der);
                    if (key == null) {
                        throw new CredentialException("unsupported public key in the " + what + " file");
                    }
                    keys.add(key);
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CredentialException("cannot read " + what + " PEM: " + e.getMessage());
        } finally {
            reader.close();
        }
        return keys;
    }

    /** The PEM text of a built-in file: {@code node.crt}, {@code node.key} or {@code ca.crt}. */
    static byte[] builtIn(String name) {
        try (InputStream in = PemFiles.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUILT_IN + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
