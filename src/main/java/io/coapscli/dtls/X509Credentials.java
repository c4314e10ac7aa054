package io.coapscli.dtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.eclipse.californium.elements.util.SslContextUtil;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.Credentials;
import io.coapscli.agent.OtError;
import io.coapscli.files.BoundedFile;

/**
 * X.509 identities from PEM: the built-in test identity, or the user's files. PEM parsing is
 * Californium's (PKCS#8 and SEC1 EC keys, certificate chains).
 */
public final class X509Credentials {

    private static final String BUILT_IN = "/credentials/";

    /**
     * A credential file's largest size: a certificate chain is a few KB; 1 MiB still takes a system CA
     * bundle (about 220 KB on Debian) as trust anchors.
     */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private X509Credentials() {
    }

    /**
     * The built-in node identity, signed by the built-in test CA that it also trusts, so that two nodes
     * verify each other out of the box. INSECURE: the private key is public; for testing only.
     */
    public static Credentials.X509 builtIn() {
        try {
            return load(resource("node.crt"), resource("node.key"), resource("ca.crt"));
        } catch (AgentException e) {
            throw new IllegalStateException("built-in test credentials are damaged: " + e.getMessage(), e);
        }
    }

    /** The PEM text of a built-in file: {@code node.crt}, {@code node.key} or {@code ca.crt}. */
    public static byte[] builtInPem(String name) {
        return resource(name);
    }

    /**
     * The user's identity from files.
     *
     * @param ca trust anchors; null keeps the built-in test CA
     */
    public static Credentials.X509 fromFiles(Path certificate, Path key, Path ca) throws AgentException {
        return load(read(certificate), read(key), ca == null ? resource("ca.crt") : read(ca));
    }

    private static Credentials.X509 load(byte[] certificatePem, byte[] keyPem, byte[] caPem) throws AgentException {
        PrivateKey privateKey = parse(keyPem, "key").getPrivateKey();
        if (privateKey == null) {
            throw new AgentException(OtError.INVALID_ARGS, "no private key in the key file");
        }
        List<X509Certificate> chain = certificatesOf(parse(certificatePem, "certificate"));
        if (chain.isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS, "no certificate in the certificate file");
        }
        requireMatch(privateKey, chain.get(0));
        List<X509Certificate> trusted = certificatesOf(parse(caPem, "CA"));
        if (trusted.isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS, "no certificate in the CA file");
        }
        return new Credentials.X509(privateKey, chain, trusted);
    }

    /** Californium returns certificates that form a path as a chain, and others as a plain list. */
    private static List<X509Certificate> certificatesOf(SslContextUtil.Credentials pem) {
        if (pem.getCertificateChain() != null && pem.getCertificateChain().length > 0) {
            return Arrays.asList(pem.getCertificateChain());
        }
        Certificate[] certificates = pem.getTrustedCertificates();
        return certificates == null ? List.of()
                : Arrays.stream(certificates).filter(X509Certificate.class::isInstance)
                        .map(X509Certificate.class::cast).toList();
    }

    /** A key that does not belong to the certificate would only fail later, in every handshake; say so now. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate) throws AgentException {
        try {
            byte[] probe = "coaps-cli key check".getBytes();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new AgentException(OtError.INVALID_ARGS, "the private key does not match the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new AgentException(OtError.INVALID_ARGS, "not an ECDSA key and certificate: " + e.getMessage());
        }
    }

    private static SslContextUtil.Credentials parse(byte[] pem, String what) throws AgentException {
        try (InputStream in = new ByteArrayInputStream(pem)) {
            return SslContextUtil.loadPemCredentials(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new AgentException(OtError.INVALID_ARGS, "cannot read " + what + " PEM: " + e.getMessage());
        }
    }

    /**
     * A credential file, only if it is a regular file of at most {@link #MAX_FILE_BYTES}: a device, a
     * FIFO or a huge file would otherwise be read without end.
     */
    private static byte[] read(Path file) throws AgentException {
        try {
            return BoundedFile.read(file, MAX_FILE_BYTES);
        } catch (IOException | SecurityException e) {
            throw new AgentException(OtError.INVALID_ARGS, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = X509Credentials.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUILT_IN + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
