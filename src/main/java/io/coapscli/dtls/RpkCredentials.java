package io.coapscli.dtls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

import org.eclipse.californium.elements.util.SslContextUtil;

import io.coapscli.dtls.Credentials;

/**
 * Raw public key identities (RFC 7250) from PEM: a key pair, and the public keys of trusted peers.
 * Californium parses the PEM; a private key file must carry its public key too (an OpenSSL
 * {@code EC PRIVATE KEY}, or a PKCS#8 key with a PUBLIC KEY block beside it), as libcoap's {@code -M} asks.
 */
public final class RpkCredentials {

    private RpkCredentials() {
    }

    /**
     * The built-in node's key pair, trusting itself, so that two nodes verify each other out of the box.
     * INSECURE: the private key is public; for testing only.
     */
    public static Credentials.Rpk builtIn() {
        try {
            KeyPair pair = keyPair(PemFiles.builtIn("node.key"));
            return new Credentials.Rpk(pair.privateKey, pair.publicKey, List.of(pair.publicKey));
        } catch (CredentialException e) {
            throw new IllegalStateException("built-in test key is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * The user's key pair from a file, trusting the PUBLIC KEY blocks of another.
     *
     * @param trusted peers' public keys; null trusts only the own key (two nodes sharing one key pair)
     */
    public static Credentials.Rpk fromFiles(Path key, Path trusted) throws CredentialException {
        KeyPair pair = keyPair(PemFiles.read(key));
        List<PublicKey> trustedKeys = List.of(pair.publicKey);
        if (trusted != null) {
            trustedKeys = PemFiles.publicKeys(PemFiles.read(trusted), "trusted keys");
            if (trustedKeys.isEmpty()) {
                throw new CredentialException("no PUBLIC KEY in the trusted keys file");
            }
        }
        return new Credentials.Rpk(pair.privateKey, pair.publicKey, trustedKeys);
    }

    private record KeyPair(PrivateKey privateKey, PublicKey publicKey) {
    }

    private static KeyPair keyPair(byte[] pem) throws CredentialException {
        SslContextUtil.Credentials read = PemFiles.parse(pem, "key");
        if (read.getPrivateKey() == null) {
            throw new CredentialException("no private key in the key file");
        }
        if (read.getPublicKey() == null) {
            throw new CredentialException(
                    "the key file has no public key: use an EC PRIVATE KEY file or add a PUBLIC KEY block");
        }
        X509Credentials.requireMatch(read.getPrivateKey(), read.getPublicKey(), "the public key");
        return new KeyPair(read.getPrivateKey(), read.getPublicKey());
    }
}
