package io.coapscli.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, in log-linear buckets (64 a doubling, so within 1.6 %): constant memory for
 * any run length, and cheap enough to record from every response thread at once.
 */
final class Latencies {

    private static final int LINEAR = 128;
    private static final int PER_DOUBLING = 64;
    private final AtomicLongArray counts = new AtomicLongArray(LINEAR + 58 * PER_DOUBLING);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts.incrementAndGet(index(micros));
        total.incrementAndGet();
        max.accumulateAndGet(micros, Math::max);
    }

    long count() {
        return total.get();
    }

    long maxMicros() {
        return max.get();
    }

    /** The latency at or below which this share (0 to 1) of the requests finished, in microseconds. */
    long percentileMicros(double share) {
        long wanted = (long) Math.ceil(share * total.get());
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= wanted && seen > 0) {
                return Math.min(upperBound(i), max.get());
            }
        }
        return max.get();
    }

    private static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - 6; // micros >> shift is in [64, 128)
        return LINEAR + (shift - 1) * PER_DOUBLING + (int) ((micros >> shift) - PER_DOUBLING);
    }

    private static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / PER_DOUBLING + 1;
        long mantissa = (index - LINEAR) % PER_DOUBLING + PER_DOUBLING;
        return ((mantissa + 1) << shift) - 1;
    }
}
