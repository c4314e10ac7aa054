package io.coapscli.dtls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.eclipse.californium.elements.util.SslContextUtil;

import io.coapscli.dtls.Credentials;

/**
 * X.509 identities from PEM: the built-in test identity, or the user's files. PEM parsing is
 * Californium's (PKCS#8 and SEC1 EC keys, certificate chains).
 */
public final class X509Credentials {

    /** A credential file's largest size (a system CA bundle still fits). */
    public static final int MAX_FILE_BYTES = PemFiles.MAX_FILE_BYTES;

    private X509Credentials() {
    }

    /**
     * The built-in node identity, signed by the built-in test CA that it also trusts, so that two nodes
     * verify each other out of the box. INSECURE: the private key is public; for testing only.
     */
    public static Credentials.X509 builtIn() {
        try {
            return load(PemFiles.builtIn("node.crt"), PemFiles.builtIn("node.key"), PemFiles.builtIn("ca.crt"));
        } catch (CredentialException e) {
            throw new IllegalStateException("built-in test credentials are damaged: " + e.getMessage(), e);
        }
    }

    /** The PEM text of a built-in file: {@code node.crt}, {@code node.key} or {@code ca.crt}. */
    public static byte[] builtInPem(String name) {
        return PemFiles.builtIn(name);
    }

    /**
     * The user's identity from files.
     *
     * @param ca trust anchors; null keeps the built-in test CA
     */
    public static Credentials.X509 fromFiles(Path certificate, Path key, Path ca) throws CredentialException {
        return load(PemFiles.read(certificate), PemFiles.read(key),
                ca == null ? PemFiles.builtIn("ca.crt") : PemFiles.read(ca));
    }

    private static Credentials.X509 load(byte[] certificatePem, byte[] keyPem, byte[] caPem) throws CredentialException {
        PrivateKey privateKey = PemFiles.parse(keyPem, "key").getPrivateKey();
        if (privateKey == null) {
            throw new CredentialException("no private key in the key file");
        }
        List<X509Certificate> chain = certificatesOf(PemFiles.parse(certificatePem, "certificate"));
        if (chain.isEmpty()) {
            throw new CredentialException("no certificate in the certificate file");
        }
        requireMatch(privateKey, chain.get(0).getPublicKey(), "the certificate");
        List<X509Certificate> trusted = certificatesOf(PemFiles.parse(caPem, "CA"));
        if (trusted.isEmpty()) {
            throw new CredentialException("no certificate in the CA file");
        }
        CertificateSuite.check(chain, trusted);
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

    /** A key that does not belong to its public half would only fail later, in every handshake; say so now. */
    static void requireMatch(PrivateKey key, PublicKey publicKey, String what) throws CredentialException {
        try {
            byte[] probe = "coaps-cli key check".getBytes();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new CredentialException("the private key does not match " + what);
            }
        } catch (GeneralSecurityException e) {
            throw new CredentialException("not an ECDSA key pair: " + e.getMessage());
        }
    }
}
