package io.coapscli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import io.coapscli.dtls.CredentialException;
import io.coapscli.dtls.Credentials;
import io.coapscli.dtls.RpkCredentials;
import io.coapscli.dtls.X509Credentials;

import picocli.CommandLine.Option;

/**
 * The credentials options of the one-shot requests and of {@code serve}, one set for both: a choice of
 * kind ({@link Choice}, an exclusive group whose multiplicity each command sets) and the files and
 * identity that go with it ({@link Details}, a mixin).
 */
public final class CredentialOptions {

    private CredentialOptions() {
    }

    /** Exactly one kind of credentials. */
    public static final class Choice {
        @Option(order = 1, names = "--psk", paramLabel = "KEY", description = "pre-shared key, as text")
        String psk;

        @Option(order = 2, names = "--psk-hex", paramLabel = "HEX", description = "pre-shared key, as hex digits")
        String pskHex;

        @Option(order = 3, names = "--cert", paramLabel = "FILE", description = "certificate (or chain) in PEM; with --key")
        Path cert;

        @Option(order = 4, names = "--rpk", paramLabel = "FILE", description = "raw public key (RFC 7250): our EC private "
                + "key in PEM, with its public key")
        Path rpk;

        /**
         * Takes the option as picocli would, for a command line read without it: false when the option is
         * none of these.
         */
        public boolean take(String option, String value) {
            switch (option) {
                case "--psk" -> psk = value;
                case "--psk-hex" -> pskHex = value;
                case "--cert" -> cert = Path.of(value);
                case "--rpk" -> rpk = Path.of(value);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** What goes with the choice. */
    public static final class Details {
        @Option(order = 5, names = "--identity", paramLabel = "ID", description = "PSK identity (default Client_identity)")
        String identity = "Client_identity";

        @Option(order = 6, names = "--key", paramLabel = "FILE", description = "private key in PEM, for --cert")
        Path key;

        @Option(order = 7, names = "--ca", paramLabel = "FILE", description = "for --cert: trust anchors in PEM that the "
                + "peer's certificate must chain to (requests: default the built-in test CA; serve: default any client)")
        Path ca;

        @Option(order = 8, names = "--rpk-trusted", paramLabel = "FILE", description = "for --rpk: the peers' PUBLIC KEY "
                + "blocks in PEM (requests: default only our own key; serve: default any client)")
        Path rpkTrusted;

        /** The same as {@link Choice#take}, for these options. */
        public boolean take(String option, String value) {
            switch (option) {
                case "--identity" -> identity = value;
                case "--key" -> key = Path.of(value);
                case "--ca" -> ca = Path.of(value);
                case "--rpk-trusted" -> rpkTrusted = Path.of(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Whether a file option was given (for a command that takes no credentials). */
        public boolean anyGiven() {
            return key != null || ca != null || rpkTrusted != null;
        }

        /** Whether the peer's certificate or key is to be checked against given anchors or keys. */
        public boolean trustGiven() {
            return ca != null || rpkTrusted != null;
        }
    }

    /** A combination that cannot work, said the way a usage error is. */
    public static final class UsageProblem extends Exception {
        private static final long serialVersionUID = 1L;

        UsageProblem(String message) {
            super(message);
        }
    }

    /** Checks what goes with what, before anything is read or sent. */
    public static void check(Choice choice, Details details) throws UsageProblem {
        if (choice.cert != null && details.key == null) {
            throw new UsageProblem("--cert needs --key");
        }
        if (details.key != null && choice.cert == null) {
            throw new UsageProblem("--key goes with --cert");
        }
        if (details.ca != null && choice.cert == null) {
            throw new UsageProblem("--ca goes with --cert");
        }
        if (details.rpkTrusted != null && choice.rpk == null) {
            throw new UsageProblem("--rpk-trusted goes with --rpk");
        }
        if (choice.pskHex != null && !choice.pskHex.matches("([0-9a-fA-F]{2})+")) {
            throw new UsageProblem("--psk-hex takes an even number of hex digits");
        }
    }

    /** Reads the credentials: the key files, or the PSK as given. */
    public static Credentials read(Choice choice, Details details) throws CredentialException {
        if (choice.cert != null) {
            return X509Credentials.fromFiles(choice.cert, details.key, details.ca);
        }
        if (choice.rpk != null) {
            return RpkCredentials.fromFiles(choice.rpk, details.rpkTrusted);
        }
        byte[] key = choice.pskHex != null ? HexFormat.of().parseHex(choice.pskHex)
                : choice.psk.getBytes(StandardCharsets.UTF_8);
        return Credentials.psk(key, details.identity.getBytes(StandardCharsets.UTF_8));
    }
}
