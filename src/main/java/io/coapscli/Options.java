package io.coapscli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.coapscli.agent.AddressLiteral;
import io.coapscli.agent.AgentSettings;

/** The process options: {@code --port}, {@code --bind}, {@code --log-level}, {@code --log-file}, {@code --help}, {@code --version}. */
record Options(int port, InetAddress bind, String logLevel, String logFile, boolean help, boolean version,
        boolean json, boolean verbose, List<Source> script, int dtlsTimeoutMs, int ackTimeoutMs,
        int idleTimeoutSeconds, Integer connectionIdLength, Path keyLog) {

    /** A scripted command: one {@code -c} line, or a {@code --script} file's lines. */
    record Source(String command, Path file) {
    }

    static final String USAGE = """
            Usage: coaps-cli [options]
            OpenThread's Secure CoAP shell (coaps ...) on this host, over UDP.

              --port N           local UDP port that `coaps start` binds (default 5684; 0 = any free port)
              --bind ADDR        local address to bind (default: every interface, IPv4 and IPv6)
              -c COMMAND         run COMMAND (repeatable), each after the previous one's outcome, then exit
              --script FILE      run FILE's lines the same way ('-' reads standard input)
              --json             print every result and event as one JSON object per line
              --verbose          add detail lines (codes, round trips, suites, failure reasons)
              --dtls-timeout MS  initial DTLS retransmission timeout, doubled for each of 4 retransmissions
                                 (default 1000: a handshake gives up after 31 s)
              --ack-timeout MS   CoAP ACK_TIMEOUT (default 2000: a request gives up after 93 s)
              --idle-timeout S   end a server session from which nothing came for S seconds
                                 (default 300; 0 keeps idle sessions forever)
              --cid LENGTH       use DTLS Connection IDs (RFC 9146), so sessions survive address
                                 changes: 1-16 bytes asked of peers, 0 to only use a peer's (default: off)
              --keylog FILE      append each session's secret to FILE (NSS key log) for Wireshark;
                                 default $SSLKEYLOGFILE. ANYONE WITH THE FILE READS THE TRAFFIC.
              --log-level LEVEL  error, warn, info, debug or trace; logs go to stderr (default error)
              --log-file FILE    write logs to FILE instead of stderr
              --help             print this help and exit
              --version          print the version and exit

            Scripts (-c, --script) exit 0 when every command ended in Done and every connect and
            request succeeded, 1 otherwise, 2 for a usage error.
            `coaps-cli bench [options]` runs the load generator instead (`coaps-cli bench --help`).
            Type `help` or `coaps help` at the prompt. Reference: docs/CLI.md
            """;

    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace", "off");

    /** A bad command line; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Options parse(List<String> args) throws UsageException {
        int port = AgentSettings.DEFAULT_PORT;
        InetAddress bind = null;
        String logLevel = "error";
        String logFile = null;
        boolean help = false;
        boolean version = false;
        boolean json = false;
        boolean verbose = false;
        List<Source> script = new ArrayList<>();
        AgentSettings defaults = AgentSettings.defaults();
        int dtlsTimeoutMs = (int) defaults.dtlsRetransmissionTimeout().toMillis();
        int ackTimeoutMs = (int) defaults.ackTimeout().toMillis();
        int idleTimeoutSeconds = (int) defaults.idleTimeout().toSeconds();
        Integer connectionIdLength = null;
        Path keyLog = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--port" -> port = port(value(args, ++i, arg));
                case "--bind" -> bind = bindAddress(value(args, ++i, arg));
                case "--log-level" -> logLevel = logLevel(value(args, ++i, arg));
                case "--log-file" -> logFile = value(args, ++i, arg);
                case "-c" -> script.add(new Source(value(args, ++i, arg), null));
                case "--script" -> script.add(new Source(null, Path.of(value(args, ++i, arg))));
                case "--json" -> json = true;
                case "--verbose" -> verbose = true;
                case "--dtls-timeout" -> dtlsTimeoutMs = millis(value(args, ++i, arg), arg);
                case "--ack-timeout" -> ackTimeoutMs = millis(value(args, ++i, arg), arg);
                case "--idle-timeout" -> idleTimeoutSeconds = seconds(value(args, ++i, arg), arg);
                case "--cid" -> connectionIdLength = connectionIdLength(value(args, ++i, arg));
                case "--keylog" -> keyLog = Path.of(value(args, ++i, arg));
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        return new Options(port, bind, logLevel, logFile, help, version, json, verbose, List.copyOf(script),
                dtlsTimeoutMs, ackTimeoutMs, idleTimeoutSeconds, connectionIdLength, keyLog);
    }

    /** The key log asked for: {@code --keylog}, else the SSLKEYLOGFILE variable (as curl and browsers read it). */
    Path keyLogOr(String environmentValue) {
        if (keyLog != null) {
            return keyLog;
        }
        return environmentValue == null || environmentValue.isEmpty() ? null : Path.of(environmentValue);
    }

    AgentSettings settings() {
        AgentSettings defaults = AgentSettings.defaults();
        return defaults.withBindAddress(bind, port)
                .withConnectionId(connectionIdLength)
                .withKeyLog(keyLogOr(System.getenv("SSLKEYLOGFILE")))
                .withDtlsTiming(Duration.ofMillis(dtlsTimeoutMs), defaults.dtlsMaxRetransmissions())
                .withCoapTiming(Duration.ofMillis(ackTimeoutMs), defaults.ackRandomFactor(), defaults.maxRetransmit())
                .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
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

    private static int port(String text) throws UsageException {
        if (text.matches("\\d{1,5}") && Integer.parseInt(text) <= 65535) {
            return Integer.parseInt(text);
        }
        throw new UsageException("--port takes a number from 0 to 65535, not " + text);
    }

    private static InetAddress bindAddress(String text) throws UsageException {
        return AddressLiteral.parse(text).orElseThrow(
                () -> new UsageException("--bind takes an IPv4 or IPv6 address literal, not " + text));
    }

    private static String logLevel(String text) throws UsageException {
        String level = text.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new UsageException("--log-level takes one of error, warn, info, debug, trace, off; not " + text);
        }
        return level;
    }
}
