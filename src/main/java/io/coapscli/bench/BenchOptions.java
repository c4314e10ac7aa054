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
        List<Path> x509Files, boolean json, Duration ackTimeout, Duration warmup, Duration hold, int threads,
        boolean allowErrors) {

    /** Checks what {@link BenchCommand} parsed; a bad value is an IllegalArgumentException saying why. */
    static BenchOptions of(String host, String port, String sessions, String inFlight, String duration,
            String requests, String warmup, String method, String path, String payload, boolean nonConfirmable,
            List<String> psk, List<String> x509, boolean json, String ackTimeout, String hold, String threads,
            boolean allowErrors) {
        if (psk != null && psk.size() != 2) {
            throw new IllegalArgumentException("--psk takes a key and an identity");
        }
        if (x509 != null && !x509.isEmpty() && x509.size() != 3) {
            throw new IllegalArgumentException("--x509 takes nothing, or a certificate, a key and a CA file");
        }
        byte[] key = (psk == null ? "secretPSK" : psk.get(0)).getBytes(StandardCharsets.UTF_8);
        String identity = psk == null ? "Client_identity" : psk.get(1);
        return new BenchOptions(new InetSocketAddress(literal(host), number(port, "--port", 1, 65535)),
                number(sessions, "--sessions", 1, 100_000), number(inFlight, "--in-flight", 1, 10_000),
                Duration.ofSeconds(number(duration, "--duration", 1, 86_400)),
                requests == null ? 0 : number(requests, "--requests", 1, Integer.MAX_VALUE), method(method), path,
                payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8), !nonConfirmable, key,
                identity, x509 == null ? null : x509.stream().map(Path::of).toList(), json,
                Duration.ofMillis(number(ackTimeout, "--ack-timeout", 10, 9_999_999)),
                Duration.ofSeconds(number(warmup, "--warmup", 0, 3600)), Duration.ofSeconds(number(hold, "--hold", 0, 86_400)),
                threads == null ? Runtime.getRuntime().availableProcessors() : number(threads, "--threads", 1, 1024),
                allowErrors);
    }

    /** What the run is, in one line, for the summary. */
    String describe() {
        return sessions + " session" + (sessions == 1 ? "" : "s") + " x " + inFlight + " in flight, "
                + (confirmable ? "CON " : "NON ") + method + " /" + path
                + (payload.length > 0 ? " (" + payload.length + " bytes)" : "") + ", "
                + (x509Files == null ? "PSK" : "X.509");
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
