package io.coapscli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.coapscli.agent.AddressLiteral;
import io.coapscli.agent.AgentSettings;

/**
 * The shell's process options, checked: built by {@link CoapsCliCommand} from what picocli parsed, with
 * the same messages for a bad value as before picocli.
 */
record Options(int port, InetAddress bind, String logLevel, String logFile,
        boolean json, boolean verbose, List<Source> script, int dtlsTimeoutMs, int ackTimeoutMs,
        int idleTimeoutSeconds, Integer connectionIdLength, Path keyLog, boolean reconnect, int coapPort) {

    /** A scripted command: one {@code -c} line, or a {@code --script} file's lines. */
    record Source(String command, Path file) {
    }


    /** A bad command line; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Options of(String port, String bind, String logLevel, String logFile, boolean json, boolean verbose,
            List<Source> script, String dtlsTimeout, String ackTimeout, String idleTimeout, String cid, Path keyLog,
            boolean reconnect, String coapPort) throws UsageException {
        return new Options(port(port, "--port"), bind == null ? null : bindAddress(bind), logLevel(logLevel), logFile,
                json, verbose, List.copyOf(script), millis(dtlsTimeout, "--dtls-timeout"),
                millis(ackTimeout, "--ack-timeout"), seconds(idleTimeout, "--idle-timeout"),
                cid == null ? null : connectionIdLength(cid), keyLog, reconnect, port(coapPort, "--coap-port"));
    }

    /**
     * The same options with the key log the process uses ({@code --keylog}, else SSLKEYLOGFILE, as
     * {@link io.coapscli.dtls.KeyLog#choose} decides), or none.
     */
    Options withKeyLog(Path file) {
        return new Options(port, bind, logLevel, logFile, json, verbose, script, dtlsTimeoutMs, ackTimeoutMs,
                idleTimeoutSeconds, connectionIdLength, file, reconnect, coapPort);
    }

    AgentSettings settings() {
        AgentSettings defaults = AgentSettings.defaults();
        return defaults.withBindAddress(bind, port)
                .withConnectionId(connectionIdLength)
                .withKeyLog(keyLog)
                .withDtlsTiming(Duration.ofMillis(dtlsTimeoutMs), defaults.dtlsMaxRetransmissions())
                .withCoapTiming(Duration.ofMillis(ackTimeoutMs), defaults.ackRandomFactor(), defaults.maxRetransmit())
                .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .withReconnect(reconnect)
                .withCoapPort(coapPort);
    }

    /** RFC 9146 allows up to 255 bytes; 16 already tells 2^128 peers apart. */
    private static int connectionIdLength(String text) throws UsageException {
        if (text.matches("\\d{1,2}") && Integer.parseInt(text) <= 16) {
            return Integer.parseInt(text);
        }
        throw new UsageException("--cid takes a length in bytes from 0 to 16, not " + text);
    }

    private static int seconds(String text, String option) throws UsageException {
        if (text.matches("\\d{1,7}")) {
            return Integer.parseInt(text);
        }
        throw new UsageException(option + " takes seconds from 0 to 9999999, not " + text);
    }

    private static int millis(String text, String option) throws UsageException {
        if (text.matches("\\d{1,7}") && Integer.parseInt(text) >= 10) {
            return Integer.parseInt(text);
        }
        throw new UsageException(option + " takes milliseconds from 10 to 9999999, not " + text);
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int port(String text, String option) throws UsageException {
        if (text.matches("\\d{1,5}") && Integer.parseInt(text) <= 65535) {
            return Integer.parseInt(text);
        }
        throw new UsageException(option + " takes a number from 0 to 65535, not " + text);
    }

    private static InetAddress bindAddress(String text) throws UsageException {
        return AddressLiteral.parse(text).orElseThrow(
                () -> new UsageException("--bind takes an IPv4 or IPv6 address literal, not " + text));
    }

    private static String logLevel(String text) throws UsageException {
        String problem = CommandLineValues.logLevelProblem(text);
        if (problem != null) {
            throw new UsageException(problem);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
