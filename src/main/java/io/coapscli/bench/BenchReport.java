package io.coapscli.bench;

import java.util.Locale;

/** The summary of a bench run, as text lines or as one JSON object. */
final class BenchReport {

    private BenchReport() {
    }

    static String text(BenchOptions options, LoadGenerator load) {
        Latencies latencies = load.latencies;
        return String.join("\n",
                "coaps-cli bench: " + options.describe() + " to " + io.coapscli.agent.Formats.socketAddress(options.server()) + ", "
                        + seconds(load.measuredTime.toNanos()) + " s measured",
                "handshakes: " + (options.sessions() - load.handshakesFailed) + " of " + options.sessions() + " in "
                        + seconds(load.handshakeTime.toNanos()) + " s (" + rate(options.sessions()
                                - load.handshakesFailed, load.handshakeTime.toNanos()) + "/s)",
                "requests: " + load.ok.get() + " ok, " + load.errors() + " errors (timeout " + load.timeouts.get()
                        + ", reset " + load.resets.get() + ", failed " + load.failed.get() + ", not 2.xx "
                        + load.notSuccess.get() + ")" + (load.firstFailure.get() == null ? ""
                                : "; first failure: " + load.firstFailure.get()),
                "throughput: " + rate(load.ok.get(), load.measuredTime.toNanos()) + " req/s",
                "latency ms: p50 " + Bench.millis(latencies.percentileMicros(0.50)) + "  p90 "
                        + Bench.millis(latencies.percentileMicros(0.90)) + "  p99 "
                        + Bench.millis(latencies.percentileMicros(0.99)) + "  max "
                        + Bench.millis(latencies.maxMicros()))
                + (reusedMessageIds(options, load) ? "\n" + MESSAGE_ID_NOTE : "");
    }

    /**
     * RFC 7252 keeps a message ID unused for EXCHANGE_LIFETIME (247 s), and a session has 65,536. The
     * generator lets them wrap, so that it is not capped at ~265 requests a second; past 65,536 on one
     * session, a server that deduplicates by the RFC answers reused IDs from its cache, and the figures
     * describe that rather than the server's work.
     */
    static final String MESSAGE_ID_NOTE = "note: the sessions sent more than 65536 requests each, so message IDs were "
            + "reused within RFC 7252's EXCHANGE_LIFETIME; use more sessions or a shorter run";

    static boolean reusedMessageIds(BenchOptions options, LoadGenerator load) {
        return load.sent.get() / options.sessions() > 65536;
    }

    static String json(BenchOptions options, LoadGenerator load) {
        Latencies latencies = load.latencies;
        return "{\"sessions\":" + options.sessions() + ",\"inFlight\":" + options.inFlight()
                + ",\"method\":\"" + options.method() + "\",\"confirmable\":" + options.confirmable()
                + ",\"seconds\":" + seconds(load.measuredTime.toNanos())
                + ",\"handshakes\":" + (options.sessions() - load.handshakesFailed)
                + ",\"handshakesFailed\":" + load.handshakesFailed
                + ",\"handshakesPerSecond\":" + rate(options.sessions() - load.handshakesFailed,
                        load.handshakeTime.toNanos())
                + ",\"ok\":" + load.ok.get()
                + ",\"errors\":{\"timeout\":" + load.timeouts.get() + ",\"reset\":" + load.resets.get()
                + ",\"failed\":" + load.failed.get() + ",\"notSuccess\":" + load.notSuccess.get() + "}"
                + ",\"requestsPerSecond\":" + rate(load.ok.get(), load.measuredTime.toNanos())
                + ",\"latencyMs\":{\"p50\":" + Bench.millis(latencies.percentileMicros(0.50))
                + ",\"p90\":" + Bench.millis(latencies.percentileMicros(0.90))
                + ",\"p99\":" + Bench.millis(latencies.percentileMicros(0.99))
                + ",\"max\":" + Bench.millis(latencies.maxMicros()) + "}"
                + ",\"messageIdsReused\":" + reusedMessageIds(options, load) + "}";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String rate(long count, long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos == 0 ? 0 : count / (nanos / 1e9));
    }
}
