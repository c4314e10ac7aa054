package io.coapscli.bench;

import java.util.List;
import java.util.concurrent.Callable;

import io.coapscli.CommandLineValues;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code coaps-cli bench}: the load generator's command line. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = CommandLineValues.Version.class,
        description = {"Drives a CoAPS server with confirmable (or non-confirmable) requests and prints throughput, "
            + "latency percentiles, errors by kind and handshakes per second."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(order = 1, names = "--host", paramLabel = "ADDR", description = "server address literal (default 127.0.0.1)")
    private String host = "127.0.0.1";

    @Option(order = 2, names = "--port", paramLabel = "N", description = "server port (default 5684)")
    private String port = "5684";

    @Option(order = 3, names = "--sessions", paramLabel = "N", description = "DTLS sessions, each from its own UDP port (default 1)")
    private String sessions = "1";

    @Option(order = 4, names = "--in-flight", paramLabel = "W", description = "requests outstanding per session (default 1)")
    private String inFlight = "1";

    @Option(order = 5, names = "--duration", paramLabel = "S", description = "seconds of measured load (default 10), or")
    private String duration = "10";

    @Option(order = 6, names = "--requests", paramLabel = "N", description = "stop after N requests instead")
    private String requests;

    @Option(order = 7, names = "--warmup", paramLabel = "S", description = "seconds of load before measuring (default 0)")
    private String warmup = "0";

    @Option(order = 8, names = "--method", paramLabel = "M", description = "get, put, post or delete (default get)")
    private String method = "get";

    @Option(order = 9, names = "--path", paramLabel = "P", description = "Uri-Path (default test-resource)")
    private String path = "test-resource";

    @Option(order = 10, names = "--payload", paramLabel = "TEXT", description = "request payload (default none)")
    private String payload;

    @Option(order = 11, names = "--non", description = "non-confirmable requests (default confirmable)")
    private boolean nonConfirmable;

    @Option(order = 12, names = "--psk", arity = "2", paramLabel = "<key> <identity>", hideParamSyntax = true, description = "pre-shared key and identity "
            + "(default secretPSK Client_identity)")
    private List<String> psk;

    @Option(order = 13, names = "--x509", arity = "0..3", paramLabel = "[<cert> <key> <ca>]", hideParamSyntax = true, description = "certificate, key and trust "
            + "anchors (PEM) instead of a PSK; --x509 alone uses the built-in test credentials")
    private List<String> x509;

    @Option(order = 14, names = "--ack-timeout", paramLabel = "MS", description = "CoAP ACK_TIMEOUT (default 2000)")
    private String ackTimeout = "2000";

    @Option(order = 15, names = "--hold", paramLabel = "S", description = "keep the sessions open and idle S seconds after the "
            + "load (default 0), e.g. to measure what idle sessions cost the server")
    private String hold = "0";

    @Option(order = 16, names = "--threads", paramLabel = "N", description = "threads that drive the sessions (default: one per "
            + "core the process may use); the summary says when they were saturated")
    private String threads;

    @Option(order = 17, names = "--allow-errors", description = "exit 0 although requests failed (default: exit 1 when one did, "
            + "and always when none succeeded)")
    private boolean allowErrors;

    @Option(order = 18, names = "--json", description = "print the summary as one JSON object")
    private boolean json;

    @Override
    public Integer call() {
        BenchOptions options;
        try {
            options = BenchOptions.of(host, port, sessions, inFlight, duration, requests, warmup, method, path,
                    payload, nonConfirmable, psk, x509, json, ackTimeout, hold, threads, allowErrors);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return Bench.run(options);
    }
}
