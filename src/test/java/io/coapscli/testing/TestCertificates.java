package io.coapscli.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.coapscli.dtls.X509Credentials;

/** PEM files for tests: the built-in test identity, and foreign identities made with the JDK's keytool. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /**
     * Everything the credential tests use: {@link #writeChain}, {@link #writeBuiltIn}, a foreign
     * self-signed identity, and {@code anchors.pem} holding two trust anchors (the new root and the
     * built-in CA).
     */
    public static void writeTestPki(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        writeChain(dir);
        writeBuiltIn(dir);
        writeSelfSigned(dir, "foreign");
        Files.writeString(dir.resolve("anchors.pem"),
                Files.readString(dir.resolve("root.crt")) + Files.readString(dir.resolve("ca.crt")));
    }

    /** Writes node.crt, node.key and ca.crt of the built-in test credentials into the directory. */
    public static void writeBuiltIn(Path dir) throws IOException {
        for (String name : new String[] {"node.crt", "node.key", "ca.crt"}) {
            Files.write(dir.resolve(name), X509Credentials.builtInPem(name));
        }
    }

    /**
     * Makes a self-signed ECDSA P-256 identity that no built-in anchor trusts, and writes
     * {@code <name>.crt} and {@code <name>.key} (SEC1) into the directory.
     */
    public static void writeSelfSigned(Path dir, String name) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path store = dir.resolve(name + ".p12");
        char[] password = "changeit".toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keyalg", "EC", "-groupname",
                "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + name, "-validity", "2", "-storetype",
                "PKCS12", "-keystore", store.toString(), "-storepass", new String(password), "-alias", name)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, password);
        }
        PrivateKey key = (PrivateKey) keyStore.getKey(name, password);
        Certificate certificate = keyStore.getCertificate(name);
        Files.writeString(dir.resolve(name + ".crt"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(dir.resolve(name + ".key"),
                pem("EC PRIVATE KEY", sec1((ECPrivateKey) key, (ECPublicKey) certificate.getPublicKey())));
    }

    /**
     * RFC 5915 ECPrivateKey for a P-256 key, with its curve and public key. The JDK's PKCS#8 encoding
     * leaves the public key out, and GnuTLS 3.7 refuses such a key ("ASN1 parser: Element was not found").
     */
    public static byte[] sec1(ECPrivateKey key, ECPublicKey publicKey) {
        byte[] prime256v1 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.writeBytes(new byte[] {0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20});
        der.writeBytes(unsigned32(key.getS()));
        der.writeBytes(new byte[] {(byte) 0xa0, 0x0a});
        der.writeBytes(prime256v1);
        der.writeBytes(new byte[] {(byte) 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04});
        der.writeBytes(unsigned32(publicKey.getW().getAffineX()));
        der.writeBytes(unsigned32(publicKey.getW().getAffineY()));
        return der.toByteArray();
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }

    /**
     * Makes a three-level PKI with keytool, all ECDSA P-256: {@code root.crt} (a CA), an intermediate CA
     * signed by it, and a leaf signed by the intermediate. Writes {@code chain.crt} (leaf, then
     * intermediate), the same signed with SHA-384 ({@code chain-sha384.crt}), {@code leaf.key} (SEC1) and
     * {@code leaf-pkcs8.key} (PKCS#8).
     */
    public static void writeChain(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("pki.p12");
        String password = "changeit";
        for (String alias : new String[] {"root", "inter", "leaf"}) {
            keytool("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=coaps-cli test " + alias, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                    store.toString(), "-storepass", password, "-alias", alias, "-ext", "bc:c");
        }
        keytool("-exportcert", "-rfc", "-alias", "root", "-keystore", store.toString(), "-storepass", password,
                "-file", dir.resolve("root.crt").toString());
        signed(store, password, "inter", "root", dir.resolve("inter.crt"), "bc:c=ca:true,pathlen:0", "SHA256withECDSA");
        signed(store, password, "leaf", "inter", dir.resolve("leaf.crt"), "bc:c=ca:false", "SHA256withECDSA");
        Files.writeString(dir.resolve("chain.crt"),
                Files.readString(dir.resolve("leaf.crt")) + Files.readString(dir.resolve("inter.crt")));
        // The same keys, their certificates signed with SHA-384, as many CAs (and keytool since JDK 20) sign.
        signed(store, password, "inter", "root", dir.resolve("inter-sha384.crt"), "bc:c=ca:true,pathlen:0",
                "SHA384withECDSA");
        signed(store, password, "leaf", "inter", dir.resolve("leaf-sha384.crt"), "bc:c=ca:false", "SHA384withECDSA");
        Files.writeString(dir.resolve("chain-sha384.crt"),
                Files.readString(dir.resolve("leaf-sha384.crt")) + Files.readString(dir.resolve("inter-sha384.crt")));

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, password.toCharArray());
        }
        PrivateKey key = (PrivateKey) keyStore.getKey("leaf", password.toCharArray());
        Files.writeString(dir.resolve("leaf.key"),
                pem("EC PRIVATE KEY", sec1((ECPrivateKey) key, (ECPublicKey) keyStore.getCertificate("leaf").getPublicKey())));
        Files.writeString(dir.resolve("leaf-pkcs8.key"), pem("PRIVATE KEY", key.getEncoded()));
    }

    /** Has {@code issuer} sign {@code subject}'s key with this algorithm and writes the certificate as PEM. */
    private static void signed(Path store, String password, String subject, String issuer, Path out, String ext,
            String algorithm) throws IOException, InterruptedException {
        Path request = store.resolveSibling(subject + ".csr");
        keytool("-certreq", "-alias", subject, "-keystore", store.toString(), "-storepass", password, "-file",
                request.toString());
        keytool("-gencert", "-rfc", "-alias", issuer, "-keystore", store.toString(), "-storepass", password,
                "-infile", request.toString(), "-outfile", out.toString(), "-validity", "2", "-ext", ext,
                "-sigalg", algorithm);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /**
     * A fresh P-256 key pair for raw public keys: {@code name.key} (EC PRIVATE KEY with its public key,
     * as OpenSSL writes it and libcoap's {@code -M} reads it) and {@code name.pub} (PUBLIC KEY).
     */
    public static void writeRawKeyPair(Path dir, String name) throws IOException, GeneralSecurityException {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve(name + ".key"),
                pem("EC PRIVATE KEY", sec1((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic())));
        Files.writeString(dir.resolve(name + ".pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
