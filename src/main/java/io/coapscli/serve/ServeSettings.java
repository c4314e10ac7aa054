package io.coapscli.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.coapscli.CommandLineValues;
import io.coapscli.CredentialOptions;
import io.coapscli.agent.AddressLiteral;
import io.coapscli.coap.CoapSettings;
import io.coapscli.dtls.CredentialException;
import io.coapscli.dtls.Credentials;
import io.coapscli.dtls.DtlsSettings;
import io.coapscli.dtls.KeyLog;

/**
 * {@code serve}'s command line, checked: what is wrong with it is a usage error (status 2); credentials
 * that cannot be read are read later, by {@link #credentials()}, and stop the server (status 1).
 */
record ServeSettings(Path directory, DtlsSettings dtls, boolean writable, Path requestLog, Duration idleTimeout,
        ServeCommand command) {

    /** RFC 7252's defaults for what the server sends as confirmable (notifications, separate responses). */
    private static final double ACK_RANDOM_FACTOR = 1.5;
    private static final int MAX_RETRANSMIT = 4;
    private static final int DTLS_MAX_RETRANSMISSIONS = 4;

    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    static ServeSettings of(ServeCommand command) throws UsageError {
        if (!Files.isDirectory(command.directory)) {
            throw new UsageError(command.directory + " is not a directory");
        }
        if (command.port < 0 || command.port > 65535) {
            throw new UsageError("--port takes a number from 0 to 65535, not " + command.port);
        }
        try {
            CredentialOptions.check(command.credentials, command.credentialDetails);
        } catch (CredentialOptions.UsageProblem e) {
            throw new UsageError(e.getMessage());
        }
        String logLevelProblem = CommandLineValues.logLevelProblem(command.logLevel);
        if (logLevelProblem != null) {
            throw new UsageError(logLevelProblem);
        }
        if (command.cid != null && (command.cid < 1 || command.cid > 16)) {
            throw new UsageError("--cid takes a length from 1 to 16 bytes, not " + command.cid);
        }
        if (command.idleTimeoutSeconds < 0 || command.ackTimeoutMs < 1 || command.dtlsTimeoutMs < 1) {
            throw new UsageError("--idle-timeout, --ack-timeout and --dtls-timeout take positive numbers");
        }
        InetSocketAddress bind = new InetSocketAddress(bindAddress(command.bind), command.port);
        Path keyLog;
        try {
            keyLog = KeyLog.choose(command.keyLog, null).file();
        } catch (java.io.IOException e) {
            throw new UsageError(e.getMessage());
        }
        CoapSettings coap = new CoapSettings(bind, Duration.ofMillis(command.ackTimeoutMs), ACK_RANDOM_FACTOR,
                MAX_RETRANSMIT);
        DtlsSettings dtls = new DtlsSettings(coap, Duration.ofMillis(command.dtlsTimeoutMs), DTLS_MAX_RETRANSMISSIONS,
                command.cid, keyLog);
        return new ServeSettings(command.directory, dtls, command.writable, command.requestLog,
                command.idleTimeoutSeconds == 0 ? null : Duration.ofSeconds(command.idleTimeoutSeconds), command);
    }

    private static InetAddress bindAddress(String text) throws UsageError {
        if (text == null) {
            return new InetSocketAddress(0).getAddress();
        }
        return AddressLiteral.parse(text).orElseThrow(
                () -> new UsageError("--bind takes an IPv4 or IPv6 address literal, not " + text));
    }

    /** Whether clients' certificates or keys are checked (PSK clients always prove the key). */
    boolean verifyClients() {
        return command.credentialDetails.trustGiven();
    }

    Credentials credentials() throws CredentialException {
        return CredentialOptions.read(command.credentials, command.credentialDetails);
    }
}
