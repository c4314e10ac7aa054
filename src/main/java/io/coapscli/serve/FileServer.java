package io.coapscli.serve;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.coapscli.agent.Formats;
import io.coapscli.dtls.CredentialException;
import io.coapscli.dtls.DtlsSessionEvents;
import io.coapscli.dtls.SecureEndpoint;
import sun.misc.Signal;

/**
 * {@code serve} running: the directory, its rules, the resource tree on a secure endpoint, the watcher
 * that turns file changes into notifications, the periodic notifications, the idle-session sweeper, and
 * the end on SIGINT or SIGTERM (close_notify to every client, status 0).
 */
final class FileServer {

    private final ServedDirectory directory;
    private final AtomicReference<ServerRules> rules;
    private final ScheduledExecutorService executor;
    private final RequestLog log;
    private final ServedTree tree;
    private final FileRequests requests;
    private final Set<InetSocketAddress> sessions = ConcurrentHashMap.newKeySet();
    private final List<ScheduledFuture<?>> periodic = new ArrayList<>();
    private SecureEndpoint endpoint;

    private FileServer(ServeSettings settings, ServedDirectory directory, ServerRules rules, PrintStream logOut) {
        this.directory = directory;
        this.rules = new AtomicReference<>(rules);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "serve");
            thread.setDaemon(true);
            return thread;
        });
        this.log = new RequestLog(logOut);
        this.requests = new FileRequests(directory, this.rules::get, settings.writable(),
                settings.dtls().coap().ackTimeout(), executor, log, new Random());
        this.tree = new ServedTree(directory, requests, executor);
    }

    static int runUntilSignalled(ServeSettings settings) {
        ServedDirectory directory;
        ServerRules rules;
        PrintStream logOut = System.out;
        try {
            directory = new ServedDirectory(settings.directory());
            rules = ServerRules.read(directory.root());
            if (settings.requestLog() != null) {
                logOut = new PrintStream(new FileOutputStream(settings.requestLog().toFile(), true), true,
                        StandardCharsets.UTF_8);
            }
        } catch (IOException | ServerRules.RulesException e) {
            System.err.println("coaps-cli serve: " + e.getMessage());
            return 1;
        }
        FileServer server = new FileServer(settings, directory, rules, logOut);
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
        try {
            server.start(settings);
        } catch (CredentialException | IOException e) {
            System.err.println("coaps-cli serve: " + e.getMessage());
            return 1;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        logOut.flush();
        return 0;
    }

    private void start(ServeSettings settings) throws CredentialException, IOException {
        endpoint = SecureEndpoint.create(settings.dtls(), settings.credentials(), settings.verifyClients(),
                new SessionLog());
        endpoint.serve(tree);
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + Formats.socketAddress(settings.dtls().coap().bindAddress()) + ": "
                    + e.getMessage(), e);
        }
        schedulePeriodic();
        new DirectoryWatch(directory, this::changed);
        if (settings.idleTimeout() != null) {
            executor.scheduleWithFixedDelay(() -> endpoint.idleServerSessions(settings.idleTimeout()).forEach(peer -> {
                endpoint.close(peer);
                if (sessions.contains(peer)) {
                    sessionEnded(peer, "idle for " + settings.idleTimeout().toSeconds() + " s");
                }
            }), 1, 1, TimeUnit.SECONDS);
        }
        int files = directory.files(directory.root()).size();
        System.err.println("coaps-cli serve: " + directory.root() + " (" + files + (files == 1 ? " file" : " files")
                + (settings.writable() ? ", writable" : "") + ") at coaps://"
                + Formats.socketAddress(endpoint.localAddress()) + "/");
    }

    private void changed(Path path) {
        if (path.getParent() != null && path.getParent().equals(directory.root())
                && path.getFileName().toString().equals(ServerRules.FILE_NAME)) {
            try {
                rules.set(ServerRules.read(directory.root()));
                executor.execute(this::schedulePeriodic);
                System.err.println("coaps-cli serve: " + ServerRules.FILE_NAME + " read again");
            } catch (ServerRules.RulesException e) {
                System.err.println("coaps-cli serve: " + e.getMessage() + "; the rules before it stay");
            }
            return;
        }
        tree.changed(path);
    }

    /** (Re)starts the periodic notifications the rules ask for. */
    private synchronized void schedulePeriodic() {
        periodic.forEach(task -> task.cancel(false));
        periodic.clear();
        rules.get().paths().forEach((path, rule) -> {
            if (rule.everyMs() != null) {
                ServedTree.PathResource node = tree.ruleNode(path);
                periodic.add(executor.scheduleAtFixedRate(() -> {
                    requests.tick(path);
                    node.changed();
                }, rule.everyMs(), rule.everyMs(), TimeUnit.MILLISECONDS));
            }
        });
    }

    private void stop() {
        endpoint.destroy(new ArrayList<>(sessions));
        executor.shutdownNow();
    }

    private void sessionEnded(InetSocketAddress peer, String reason) {
        // A handshake that never finished (wrong key, unknown identity, timeout) is logged as such: a CI job
        // then sees why its client got no session.
        log.session(sessions.remove(peer) ? "disconnected" : "handshakeFailed", peer, null, null, reason);
    }

    /** Sessions into the request log: a CI job sees which client connected, with what. */
    private final class SessionLog implements DtlsSessionEvents {
        @Override
        public void handshakeStarted(InetSocketAddress peer, boolean clientRole) {
        }

        @Override
        public void sessionEstablished(InetSocketAddress peer, boolean clientRole, String cipherSuite,
                String peerIdentity) {
            sessions.add(peer);
            log.session("connected", peer, cipherSuite, peerIdentity, null);
        }

        @Override
        public void sessionMoved(InetSocketAddress from, InetSocketAddress to, boolean clientRole) {
            sessions.remove(from);
            sessions.add(to);
        }

        @Override
        public void sessionEnded(InetSocketAddress peer, boolean clientRole, String reason) {
            FileServer.this.sessionEnded(peer, reason);
        }
    }
}
