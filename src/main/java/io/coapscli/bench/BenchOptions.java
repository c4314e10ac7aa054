package io.coapscli.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.agent.AddressLiteral;

/** The options of {@code coaps-cli bench}; see {@link #USAGE}. */
record BenchOptions(InetSocketAddress server, int sessions, int inFlight, Duration duration, long requests,
        Code method, String path, byte[] payload, boolean confirmable, byte[] pskKey, String pskIdentity,
        List<Path> x509Files, boolean json, Duration ackTimeout, Duration warmup, Duration hold) {

    static final String USAGE = """
            Usage: coaps-cli bench [options]
            Drives a CoAPS server with confirmable (or non-confirmable) requests and prints throughput,
            latency percentiles, errors by kind and handshakes per second.

              --host ADDR          server address literal (default 127.0.0.1)
              --port N             server port (default 5684)
              --sessions N         DTLS sessions, each from its own UDP port (default 1)
              --in-flight W        requests outstanding per session (default 1)
              --duration S         seconds of measured load (default 10), or
              --requests N         stop after N requests instead
              --warmup S           seconds of load before measuring (default 0)
              --method M           get, put, post or delete (default get)
              --path P             Uri-Path (default test-resource)
              --payload TEXT       request payload (default none)
              --non                non-confirmable requests (default confirmable)
              --psk KEY ID         pre-shared key and identity (default secretPSK Client_identity)
              --x509 CERT KEY CA   certificate, key and trust anchors (PEM) instead of a PSK;
                                   --x509 alone uses the built-in test credentials
              --ack-timeout MS     CoAP ACK_TIMEOUT (default 2000)
              --hold S             keep the sessions open and idle S seconds after the load (default 0),
                                   e.g. to measure what idle sessions cost the server
              --json               print the summary as one JSON object
            """;

    static BenchOptions parse(List<String> args) throws IllegalArgumentException {
        InetAddress host = literal("127.0.0.1");
        int port = 5684;
        int sessions = 1;
        int inFlight = 1;
        Duration duration = Duration.ofSeconds(10);
        long requests = 0;
        Code method = Code.GET;
        String path = "test-resource";
        byte[] payload = new byte[0];
        boolean confirmable = true;
        byte[] key = "secretPSK".getBytes(StandardCharsets.UTF_8);
        String identity = "Client_identity";
        List<Path> x509 = null;
        boolean json = false;
        Duration ackTimeout = Duration.ofSeconds(2);
        Duration warmup = Duration.ZERO;
        Duration hold = Duration.ZERO;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--host" -> host = literal(value(args, ++i, arg));
                case "--port" -> port = number(value(args, ++i, arg), arg, 1, 65535);
                case "--sessions" -> sessions = number(value(args, ++i, arg), arg, 1, 100_000);
                case "--in-flight" -> inFlight = number(value(args, ++i, arg), arg, 1, 10_000);
                case "--duration" -> duration = Duration.ofSeconds(number(value(args, ++i, arg), arg, 1, 86_400));
                case "--requests" -> requests = number(value(args, ++i, arg), arg, 1, Integer.MAX_VALUE);
                case "--warmup" -> warmup = Duration.ofSeconds(number(value(args, ++i, arg), arg, 0, 3600));
                case "--method" -> method = method(value(args, ++i, arg));
                case "--path" -> path = value(args, ++i, arg);
                case "--payload" -> payload = value(args, ++i, arg).getBytes(StandardCharsets.UTF_8);
                case "--non" -> confirmable = false;
                case "--psk" -> {
                    key = value(args, ++i, arg).getBytes(StandardCharsets.UTF_8);
                    identity = value(args, ++i, arg);
                }
                case "--x509" -> {
                    x509 = List.of();
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        x509 = List.of(Path.of(args.get(++i)), Path.of(value(args, ++i, arg)), Path.of(value(args, ++i, arg)));
                    }
                }
                case "--ack-timeout" -> ackTimeout = Duration.ofMillis(number(value(args, ++i, arg), arg, 10, 9_999_999));
                case "--json" -> json = true;
                case "--hold" -> hold = Duration.ofSeconds(number(value(args, ++i, arg), arg, 0, 86_400));
                default -> throw new IllegalArgumentException("unknown bench option: " + arg);
            }
        }
        return new BenchOptions(new InetSocketAddress(host, port), sessions, inFlight, duration, requests, method,
                path, payload, confirmable, key, identity, x509, json, ackTimeout, warmup, hold);
    }

    /** What the run is, in one line, for the summary. */
    String describe() {
        return sessions + " session" + (sessions == 1 ? "" : "s") + " x " + inFlight + " in flight, "
                + (confirmable ? "CON " : "NON ") + method + " /" + path
                + (payload.length > 0 ? " (" + payload.length + " bytes)" : "") + ", "
                + (x509Files == null ? "PSK" : "X.509");
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int number(String text, String option, int min, int max) {
        if (text.matches("\\d{1,10}")) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        throw new IllegalArgumentException(option + " takes a number from " + min + " to " + max + ", not " + text);
    }

    private static Code method(String text) {
        try {
            return Code.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--method takes get, put, post or delete, not " + text);
        }
    }

    /** An address literal only: a benchmark never resolves names. */
    private static InetAddress literal(String text) {
        return AddressLiteral.parse(text).orElseThrow(
                () -> new IllegalArgumentException("--host takes an IPv4 or IPv6 address literal, not " + text));
    }
}
