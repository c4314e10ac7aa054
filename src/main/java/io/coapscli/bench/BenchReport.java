package io.coapscli.bench;

import java.util.Locale;

import io.coapscli.json.Json;

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
                        + Bench.millis(latencies.maxMicros()),
                "generator: " + options.threads() + " thread" + (options.threads() == 1 ? "" : "s") + ", "
                        + percent(load.cpuShare()) + " % of " + Runtime.getRuntime().availableProcessors() + " core"
                        + (Runtime.getRuntime().availableProcessors() == 1 ? "" : "s")
                        + (load.saturated() ? " (SATURATED: the figures measure the generator, not the server)" : ""))
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
        long handshakes = options.sessions() - load.handshakesFailed;
        return Json.object().put("sessions", options.sessions()).put("inFlight", options.inFlight())
                .put("method", options.method().name()).put("confirmable", options.confirmable())
                .put("seconds", number(seconds(load.measuredTime.toNanos())))
                .put("handshakes", handshakes).put("handshakesFailed", load.handshakesFailed)
                .put("handshakesPerSecond", number(rate(handshakes, load.handshakeTime.toNanos())))
                .put("ok", load.ok.get())
                .put("errors", Json.object().put("timeout", load.timeouts.get()).put("reset", load.resets.get())
                        .put("failed", load.failed.get()).put("notSuccess", load.notSuccess.get()))
                .put("requestsPerSecond", number(rate(load.ok.get(), load.measuredTime.toNanos())))
                .put("latencyMs", Json.object().put("p50", number(Bench.millis(latencies.percentileMicros(0.50))))
                        .put("p90", number(Bench.millis(latencies.percentileMicros(0.90))))
                        .put("p99", number(Bench.millis(latencies.percentileMicros(0.99))))
                        .put("max", number(Bench.millis(latencies.maxMicros()))))
                .put("generator", Json.object().put("threads", options.threads())
                        .put("cores", Runtime.getRuntime().availableProcessors())
                        .put("cpuPercent", number(percent(load.cpuShare()))).put("saturated", load.saturated()))
                .put("messageIdsReused", reusedMessageIds(options, load)).toString();
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f", share * 100);
    }

    /** A figure already rounded for print, as a JSON number. */
    private static java.math.BigDecimal number(String rounded) {
        return new java.math.BigDecimal(rounded);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String rate(long count, long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos == 0 ? 0 : count / (nanos / 1e9));
    }
}
