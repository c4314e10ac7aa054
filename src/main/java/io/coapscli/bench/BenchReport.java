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
                        + Bench.millis(latencies.maxMicros()));
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
                + ",\"max\":" + Bench.millis(latencies.maxMicros()) + "}}";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static String rate(long count, long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos == 0 ? 0 : count / (nanos / 1e9));
    }
}
