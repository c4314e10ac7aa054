package io.coapscli.oneshot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.CoapsAgent;
import io.coapscli.agent.Formats;
import io.coapscli.agent.OtError;
import io.coapscli.agent.RequestOptions;
import io.coapscli.shell.AgentName;
import io.coapscli.dtls.KeyLog;
import io.coapscli.dtls.CredentialException;
import io.coapscli.dtls.Credentials;
import io.coapscli.CommandLineValues;
import io.coapscli.CredentialOptions;
import io.coapscli.files.BoundedFile;

import sun.misc.Signal;

/**
 * One request from the command line: every argument checked, a session with the URI's server, the
 * request, its outcome reported, the session closed with close_notify. Built on the same agent as the shell.
 */
final class OneShot {

    /** A problem with the command line (a bad URI, a file that cannot be read or written): status 2. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_PAYLOAD_FILE_BYTES = 65536;
    private static final Duration PROGRESS_HINT_AFTER = Duration.ofSeconds(3);

    private final RequestCommand command;
    private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
    private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    OneShot(RequestCommand command) {
        this.command = command;
    }

    int run() throws UsageError {
        // Everything the user gave is checked before anything is sent.
        if (command.ackTimeoutMs < 10 || command.dtlsTimeoutMs < 10) {
            throw new UsageError("--ack-timeout and --dtls-timeout take at least 10 ms");
        }
        String logLevelProblem = CommandLineValues.logLevelProblem(command.logLevel);
        if (logLevelProblem != null) {
            throw new UsageError(logLevelProblem);
        }
        Target target = Target.parse(command.uri);
        byte[] payload = payload();
        RequestOptions options = requestOptions(target);
        try {
            CoapsAgent.checkRequest(target.pathAndQuery(), payload);
        } catch (AgentException e) {
            throw new UsageError(e.why());
        }
        Outcomes outcomes = new Outcomes(command, target.secure() ? AgentName.COAPS : AgentName.COAP, err,
                command.output == null ? PayloadSink.standardOutput() : PayloadSink.file(command.output));
        AgentSettings settings = AgentSettings.defaults().withBindAddress(null, 0)
                .withCoapTiming(Duration.ofMillis(command.ackTimeoutMs), 1.5, 4)
                .withDtlsTiming(Duration.ofMillis(command.dtlsTimeoutMs), 4)
                .withKeyLog(keyLog());
        if (!target.secure()) {
            if (command.credentials != null || command.credentialDetails.anyGiven()) {
                throw new UsageError("credentials are for coaps:// URIs; coap:// is plain CoAP");
            }
            return plain(target, payload, options, settings, outcomes);
        }
        if (command.credentials == null) {
            throw new UsageError("a coaps:// URI needs credentials: --psk, --psk-hex, --cert or --rpk");
        }
        try (CoapsAgent agent = new CoapsAgent(settings, events::add)) {
            useCredentials(agent);
            agent.start(!command.insecure, 0);
            agent.connect(target.peer());
            AgentEvent outcome = handshakeOutcome(target, settings);
            if (!(outcome instanceof AgentEvent.Connected connected)) {
                return outcomes.noSession(target.peer(), outcome);
            }
            if (command.verbose) {
                err.println("session with " + Formats.socketAddress(target.peer()) + ", " + connected.session().cipherSuite());
            }
            if (command.observe()) {
                return observe(() -> agent.observe(target.pathAndQuery(), !command.nonConfirmable),
                        agent::cancelObservation, settings, outcomes);
            }
            agent.request(command.method(), target.pathAndQuery(), !command.nonConfirmable, payload, options);
            return outcomes.report(next(settings.responseTimeout().plusSeconds(5)));
        } catch (AgentException e) {
            return refused(e, outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A coap:// request: the plain agent on a free port, no handshake, no credentials. */
    private int plain(Target target, byte[] payload, RequestOptions options, AgentSettings settings, Outcomes outcomes)
            throws UsageError {
        try (CoapAgent agent = new CoapAgent(settings.withCoapPort(0).forPlainAgent(), events::add)) {
            agent.start();
            if (command.observe()) {
                return observe(() -> agent.observe(target.peer(), target.pathAndQuery(), !command.nonConfirmable),
                        agent::cancelObservation, settings, outcomes);
            }
            agent.request(target.peer(), command.method(), target.pathAndQuery(), !command.nonConfirmable, payload,
                    options);
            return outcomes.report(next(settings.responseTimeout().plusSeconds(5)));
        } catch (AgentException e) {
            return refused(e, outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A call on either agent. */
    @FunctionalInterface
    private interface AgentCall {
        void run() throws AgentException;
    }

    /** A refused command: bad arguments are a usage error, anything else the request's failure. */
    private int refused(AgentException e, Outcomes outcomes) throws UsageError {
        if (e.error() == OtError.INVALID_ARGS) {
            throw new UsageError(e.why());
        }
        return outcomes.refused(e);
    }

    /** Prints every notification until the duration ends or a signal comes, then deregisters. */
    private int observe(AgentCall register, AgentCall cancel, AgentSettings settings, Outcomes outcomes)
            throws AgentException, InterruptedException {
        Thread main = Thread.currentThread();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> main.interrupt());
        }
        register.run();
        AgentEvent first = next(settings.responseTimeout().plusSeconds(5));
        int status = outcomes.report(first);
        if (status != 0 || !(first instanceof AgentEvent.ResponseReceived response) || response.message().observe() == null) {
            return status;
        }
        long deadline = command.observeSeconds() == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(command.observeSeconds());
        try {
            while (System.nanoTime() < deadline) {
                AgentEvent event = events.poll(Math.min(1000, (deadline - System.nanoTime()) / 1_000_000 + 1),
                        TimeUnit.MILLISECONDS);
                if (event instanceof AgentEvent.NotificationReceived || event instanceof AgentEvent.ResponseReceived) {
                    status = outcomes.report(event);
                } else if (event instanceof AgentEvent.Disconnected) {
                    return outcomes.report(event);
                }
            }
        } catch (InterruptedException e) {
            // SIGINT or SIGTERM: deregister and leave.
        }
        Thread.interrupted();
        cancel.run();
        next(settings.responseTimeout().plusSeconds(5));
        return status;
    }

    /**
     * The handshake's outcome. A person at a terminal is told after a few seconds that the peer is silent
     * and how long the wait can last; a script is not.
     */
    private AgentEvent handshakeOutcome(Target target, AgentSettings settings) throws InterruptedException {
        Duration limit = settings.handshakeTimeout().plusSeconds(5);
        if (System.console() == null || limit.compareTo(PROGRESS_HINT_AFTER) <= 0) {
            return next(limit);
        }
        AgentEvent outcome = next(PROGRESS_HINT_AFTER);
        if (outcome != null) {
            return outcome;
        }
        err.println("coaps-cli: no answer from " + Formats.socketAddress(target.peer()) + " yet; the handshake gives up after "
                + settings.handshakeTimeout().toSeconds() + " s (--dtls-timeout)...");
        return next(limit.minus(PROGRESS_HINT_AFTER));
    }

    private AgentEvent next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private RequestOptions requestOptions(Target target) throws UsageError {
        for (Integer format : new Integer[] {command.contentFormat, command.accept}) {
            if (format != null && (format < 0 || format > 65535)) {
                throw new UsageError("a Content-Format is 0 to 65535, not " + format);
            }
        }
        return new RequestOptions(command.contentFormat, command.accept, target.uriHost());
    }

    /** {@code --keylog}, else SSLKEYLOGFILE, as the shell takes them. */
    private Path keyLog() throws UsageError {
        KeyLog.Choice choice;
        try {
            choice = KeyLog.choose(command.keyLog, System.getenv("SSLKEYLOGFILE"));
        } catch (IOException e) {
            throw new UsageError(e.getMessage());
        }
        if (choice.message() != null) {
            err.println("coaps-cli: " + choice.message());
        }
        return choice.file();
    }

    private void useCredentials(CoapsAgent agent) throws AgentException, UsageError {
        try {
            CredentialOptions.check(command.credentials, command.credentialDetails);
            Credentials credentials = CredentialOptions.read(command.credentials, command.credentialDetails);
            if (credentials instanceof Credentials.Psk psk) {
                agent.usePsk(psk.key(), psk.identity());
            } else if (credentials instanceof Credentials.X509 x509) {
                agent.useX509(x509);
            } else {
                agent.useRpk((Credentials.Rpk) credentials);
            }
        } catch (CredentialOptions.UsageProblem e) {
            throw new UsageError(e.getMessage());
        } catch (CredentialException e) {
            throw AgentException.of(e);
        }
    }

    private byte[] payload() throws UsageError {
        if (command.payloadFile != null && command.payload != null) {
            throw new UsageError("give the payload as an argument or with -f, not both");
        }
        if (command.payloadFile == null) {
            return command.payload == null ? new byte[0] : command.payload.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return command.payloadFile.toString().equals("-") ? BoundedFile.read(System.in, MAX_PAYLOAD_FILE_BYTES)
                    : BoundedFile.read(command.payloadFile, MAX_PAYLOAD_FILE_BYTES);
        } catch (IOException e) {
            throw new UsageError("cannot read the payload " + command.payloadFile + ": " + e.getMessage());
        }
    }
}
