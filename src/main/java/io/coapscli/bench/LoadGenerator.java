package io.coapscli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;

import io.coapscli.agent.AgentSettings;
import io.coapscli.dtls.Credentials;
import io.coapscli.dtls.DtlsSessionEvents;
import io.coapscli.dtls.SecureEndpoint;

/**
 * The load: N sessions, each its own DTLS endpoint on its own port, each keeping W requests in flight
 * until the time or the count is reached. Every outcome is counted by kind; latencies of the measured
 * part go into {@link Latencies}. The endpoints share a few threads, so that the generator, not its
 * thread switching, sets the pace.
 */
final class LoadGenerator {

    private final BenchOptions options;
    private final Credentials credentials;
    private final PrintStream progress;
    final Latencies latencies = new Latencies();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong resets = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong notSuccess = new AtomicLong();
    /** Requests sent in all, over all sessions. */
    final AtomicLong sent = new AtomicLong();
    /** Requests sent while measuring: --requests counts these. */
    private final AtomicLong measuredStarted = new AtomicLong();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong inFlight = new AtomicLong();
    /** What the first failed request failed with, for the summary. */
    final java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    int handshakesFailed;
    Duration handshakeTime = Duration.ZERO;
    Duration measuredTime = Duration.ZERO;
    /** CPU time this process used while measuring (every thread: the generator's own cost). */
    Duration measuredCpu = Duration.ZERO;

    LoadGenerator(BenchOptions options, Credentials credentials, PrintStream progress) {
        this.options = options;
        this.credentials = credentials;
        this.progress = progress;
    }

    void run() throws IOException, InterruptedException {
        int threads = options.threads();
        ExecutorService dtlsWorkers = Executors.newFixedThreadPool(threads, daemon("bench-dtls"));
        ScheduledExecutorService coap = Executors.newScheduledThreadPool(threads, daemon("bench-coap"));
        List<SecureEndpoint> endpoints = new ArrayList<>();
        try {
            CountDownLatch handshakes = new CountDownLatch(options.sessions());
            AgentSettings settings = AgentSettings.defaults().withBindAddress(null, 0)
                    .withCoapTiming(options.ackTimeout(), 1.5, 4);
            long handshakeStart = System.nanoTime();
            for (int i = 0; i < options.sessions(); i++) {
                SecureEndpoint endpoint = SecureEndpoint.forLoad(settings.dtls(), credentials, handshakeEvents(handshakes));
                endpoint.shareExecutors(dtlsWorkers, coap);
                endpoint.start();
                endpoints.add(endpoint);
                endpoint.handshake(options.server());
            }
            long limit = settings.handshakeTimeout().plusSeconds(5).toMillis();
            if (!handshakes.await(limit, TimeUnit.MILLISECONDS)) {
                throw new IOException("handshakes did not finish within " + limit + " ms");
            }
            handshakeTime = Duration.ofNanos(System.nanoTime() - handshakeStart);
            if (handshakesFailed == options.sessions()) {
                throw new IOException("no handshake with " + options.server() + " succeeded");
            }
            load(endpoints);
            if (!options.hold().isZero()) {
                if (progress != null) {
                    progress.printf("  holding %d idle sessions for %d s%n", endpoints.size(), options.hold().toSeconds());
                }
                Thread.sleep(options.hold().toMillis()); // idle on purpose: the sessions stay open, nothing is sent
            }
        } finally {
            stopping.set(true);
            endpoints.forEach(endpoint -> endpoint.destroy(List.of(options.server())));
            dtlsWorkers.shutdownNow();
            coap.shutdownNow();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The share of the cores this process may use that it used while measuring, 0 to 1; above 0.9 the
     * generator was the bottleneck and the figures describe it more than the server.
     */
    double cpuShare() {
        long cores = Runtime.getRuntime().availableProcessors();
        return measuredTime.isZero() ? 0 : (double) measuredCpu.toNanos() / (measuredTime.toNanos() * cores);
    }

    boolean saturated() {
        return cpuShare() >= 0.9;
    }

    private void load(List<SecureEndpoint> endpoints) throws InterruptedException {
        boolean warmingUp = !options.warmup().isZero();
        measuring.set(!warmingUp);
        long start = System.nanoTime();
        for (SecureEndpoint endpoint : endpoints) {
            for (int slot = 0; slot < options.inFlight(); slot++) {
                send(endpoint);
            }
        }
        if (warmingUp) {
            Thread.sleep(options.warmup().toMillis()); // the warm-up is time under load, not a wait for something
            measuring.set(true);
            start = System.nanoTime();
        }
        long cpuStart = processCpuNanos();
        long deadline = start + options.duration().toNanos();
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long lastCount = 0;
        while (options.requests() > 0 ? latenciesAndErrors() < options.requests() : System.nanoTime() < deadline) {
            Thread.sleep(10);
            if (progress != null && System.nanoTime() >= nextReport) {
                long count = latenciesAndErrors();
                progress.printf("  %3d s  %8d req/s  %d errors%n", (nextReport - start) / 1_000_000_000L,
                        count - lastCount, errors());
                lastCount = count;
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
        }
        measuredTime = Duration.ofNanos(System.nanoTime() - start);
        measuredCpu = Duration.ofNanos(processCpuNanos() - cpuStart);
        measuring.set(false);
        stopping.set(true);
        // Let what is in flight end, so that the server is idle for the next run; bounded by the ACK timer.
        long drainUntil = System.nanoTime() + options.ackTimeout().multipliedBy(2).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(5);
        }
    }

    long latenciesAndErrors() {
        return latencies.count() + errors();
    }

    long errors() {
        return timeouts.get() + resets.get() + failed.get() + notSuccess.get();
    }

    private void send(SecureEndpoint endpoint) {
        boolean counted = measuring.get();
        if (stopping.get() || counted && options.requests() > 0 && measuredStarted.get() >= options.requests()) {
            return;
        }
        if (counted) {
            measuredStarted.incrementAndGet();
        }
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        Request request = new Request(options.method(), options.confirmable() ? Type.CON : Type.NON);
        request.setDestinationContext(new AddressEndpointContext(options.server()));
        request.getOptions().setUriPath(options.path());
        if (options.payload().length > 0) {
            request.setPayload(options.payload());
        }
        long sent = System.nanoTime();
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                if (response.getCode().codeClass == 2) {
                    if (counted) {
                        latencies.record(System.nanoTime() - sent);
                        ok.incrementAndGet();
                    }
                } else if (counted) {
                    notSuccess.incrementAndGet();
                }
                next();
            }

            @Override
            public void onTimeout() {
                count(timeouts);
            }

            @Override
            public void onReject() {
                count(resets);
            }

            @Override
            public void onSendError(Throwable error) {
                firstFailure.compareAndSet(null, "not sent: " + error);
                count(failed);
            }

            @Override
            public void onResponseHandlingError(Throwable error) {
                firstFailure.compareAndSet(null, "response refused: " + error);
                count(failed);
            }

            private void count(AtomicLong kind) {
                if (counted) {
                    kind.incrementAndGet();
                }
                next();
            }

            private void next() {
                inFlight.decrementAndGet();
                send(endpoint);
            }
        });
        endpoint.sendRequest(request);
    }

    private DtlsSessionEvents handshakeEvents(CountDownLatch handshakes) {
        return new DtlsSessionEvents() {
            private final AtomicBoolean done = new AtomicBoolean();

            @Override
            public void handshakeStarted(InetSocketAddress peer, boolean clientRole) {
            }

            @Override
            public void sessionEstablished(InetSocketAddress peer, boolean clientRole, String cipherSuite,
                    String peerIdentity) {
                if (done.compareAndSet(false, true)) {
                    handshakes.countDown();
                }
            }

            @Override
            public void sessionMoved(InetSocketAddress from, InetSocketAddress to, boolean clientRole) {
            }

            @Override
            public void sessionEnded(InetSocketAddress peer, boolean clientRole, String reason) {
                if (done.compareAndSet(false, true)) {
                    synchronized (LoadGenerator.this) {
                        handshakesFailed++;
                    }
                    handshakes.countDown();
                }
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong number = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
