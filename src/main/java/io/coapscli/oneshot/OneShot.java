package io.coapscli.oneshot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.agent.AddressLiteral;
import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapsAgent;
import io.coapscli.agent.Formats;
import io.coapscli.agent.RequestOptions;
import io.coapscli.dtls.X509Credentials;
import io.coapscli.files.BoundedFile;
import io.coapscli.shell.JsonPresenter;
import io.coapscli.shell.StreamOutput;

import sun.misc.Signal;

/**
 * One request from the command line: a session with the URI's server, the request, its response
 * printed, the session closed with close_notify. Built on the same agent as the shell.
 */
final class OneShot {

    /** A problem with the command line, found while running it (a bad URI, a file that cannot be read). */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_PAYLOAD_FILE_BYTES = 65536;

    private final RequestCommand command;
    private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
    private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    OneShot(RequestCommand command) {
        this.command = command;
    }

    int run() throws UsageError {
        if (command.ackTimeoutMs < 10 || command.dtlsTimeoutMs < 10) {
            throw new UsageError("--ack-timeout and --dtls-timeout take at least 10 ms");
        }
        Target target = Target.parse(command.uri);
        byte[] payload = payload();
        AgentSettings settings = AgentSettings.defaults().withBindAddress(null, 0)
                .withCoapTiming(Duration.ofMillis(command.ackTimeoutMs), 1.5, 4)
                .withDtlsTiming(Duration.ofMillis(command.dtlsTimeoutMs), 4);
        try (CoapsAgent agent = new CoapsAgent(settings, events::add)) {
            useCredentials(agent);
            agent.start(!command.insecure, 0);
            agent.connect(target.peer());
            AgentEvent outcome = next(settings.handshakeTimeout().plusSeconds(5));
            if (!(outcome instanceof AgentEvent.Connected connected)) {
                err.println("coaps-cli: no session with " + Formats.socketAddress(target.peer()) + ": " + reason(outcome));
                return 1;
            }
            if (command.verbose) {
                err.println("session with " + Formats.socketAddress(target.peer()) + ", " + connected.session().cipherSuite());
            }
            RequestOptions options = new RequestOptions(command.contentFormat, command.accept, target.uriHost());
            if (command.observe()) {
                return observe(agent, target, settings);
            }
            agent.request(command.method(), target.pathAndQuery(), !command.nonConfirmable, payload, options);
            return report(next(settings.responseTimeout().plusSeconds(5)));
        } catch (AgentException e) {
            err.println("coaps-cli: " + (e.reason() != null ? e.reason() : e.error().otName()));
            return e.error().number() == 7 ? 2 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Prints every notification until the duration ends or a signal comes, then deregisters. */
    private int observe(CoapsAgent agent, Target target, AgentSettings settings)
            throws AgentException, InterruptedException {
        Thread main = Thread.currentThread();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> main.interrupt());
        }
        agent.observe(target.pathAndQuery(), !command.nonConfirmable);
        AgentEvent first = next(settings.responseTimeout().plusSeconds(5));
        int status = report(first);
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
                    status = report(event);
                } else if (event instanceof AgentEvent.Disconnected disconnected) {
                    err.println("coaps-cli: the session ended: " + disconnected.reason());
                    return 1;
                }
            }
        } catch (InterruptedException e) {
            // SIGINT or SIGTERM: deregister and leave.
        }
        Thread.interrupted();
        agent.cancelObservation();
        next(settings.responseTimeout().plusSeconds(5));
        return status;
    }

    /** Prints a response (or notification) and says whether it was 2.xx; a failure is reported on stderr. */
    private int report(AgentEvent event) {
        String code;
        byte[] body;
        if (event instanceof AgentEvent.ResponseReceived response) {
            code = response.code();
            body = response.payload();
        } else if (event instanceof AgentEvent.NotificationReceived notification) {
            code = notification.message().code();
            body = notification.payload();
        } else if (event instanceof AgentEvent.RequestFailed failed) {
            err.println("coaps-cli: " + failed.reason() + " (error " + failed.error().number() + ": "
                    + failed.error().otName() + ")");
            return 1;
        } else {
            err.println("coaps-cli: " + reason(event));
            return 1;
        }
        if (command.verbose) {
            err.println(code + (event instanceof AgentEvent.ResponseReceived r
                    ? " in " + String.format(java.util.Locale.ROOT, "%.1f", r.roundTrip().toNanos() / 1e6) + " ms" : ""));
        }
        if (command.json) {
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            new JsonPresenter(new StreamOutput(out)).event(event);
            out.flush();
        } else {
            write(body, command.observe());
        }
        return code.startsWith("2.") ? 0 : 1;
    }

    private void write(byte[] body, boolean lineAfter) {
        try {
            if (command.output != null) {
                Files.write(command.output, body);
                return;
            }
            OutputStream out = System.out;
            out.write(body);
            if (lineAfter) {
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            err.println("coaps-cli: cannot write the payload: " + e.getMessage());
        }
    }

    private AgentEvent next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String reason(AgentEvent event) {
        if (event instanceof AgentEvent.Disconnected disconnected) {
            return disconnected.reason();
        }
        return event == null ? "no answer in time" : event.toString();
    }

    private void useCredentials(CoapsAgent agent) throws AgentException, UsageError {
        RequestCommand.CredentialOptions given = command.credentials;
        if (given.cert != null) {
            if (command.key == null) {
                throw new UsageError("--cert needs --key");
            }
            agent.useX509(X509Credentials.fromFiles(given.cert, command.key, command.ca));
            return;
        }
        byte[] key;
        if (given.pskHex != null) {
            try {
                key = HexFormat.of().parseHex(given.pskHex);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--psk-hex takes an even number of hex digits");
            }
        } else {
            key = given.psk.getBytes(StandardCharsets.UTF_8);
        }
        agent.usePsk(key, command.identity.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] payload() throws UsageError {
        if (command.payloadFile != null && command.payload != null) {
            throw new UsageError("give the payload as an argument or with -f, not both");
        }
        if (command.payloadFile == null) {
            return command.payload == null ? new byte[0] : command.payload.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return command.payloadFile.equals("-") ? BoundedFile.read(System.in, MAX_PAYLOAD_FILE_BYTES)
                    : BoundedFile.read(java.nio.file.Path.of(command.payloadFile), MAX_PAYLOAD_FILE_BYTES);
        } catch (IOException e) {
            throw new UsageError("cannot read the payload " + command.payloadFile + ": " + e.getMessage());
        }
    }

    /** Where a coaps:// URI points: the server, the Uri-Path and Uri-Query, and Uri-Host for a name. */
    record Target(InetSocketAddress peer, String pathAndQuery, String uriHost) {

        static Target parse(String text) throws UsageError {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new UsageError("not a URI: " + text + " (" + e.getReason() + ")");
            }
            if (!"coaps".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageError("the URI must be coaps://host[:port]/path, not " + text);
            }
            String host = uri.getHost();
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            InetAddress address = AddressLiteral.parse(bare).orElse(null);
            String uriHost = null;
            if (address == null) {
                try {
                    address = InetAddress.getByName(bare);
                } catch (UnknownHostException e) {
                    throw new UsageError("unknown host " + bare);
                }
                uriHost = bare;
            }
            int port = uri.getPort() < 0 ? AgentSettings.DEFAULT_PORT : uri.getPort();
            List<String> path = new ArrayList<>();
            for (String segment : (uri.getRawPath() == null ? "" : uri.getRawPath()).split("/")) {
                if (!segment.isEmpty()) {
                    path.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
            String query = uri.getRawQuery() == null ? ""
                    : "?" + URLDecoder.decode(uri.getRawQuery().replace("+", "%2B"), StandardCharsets.UTF_8);
            return new Target(new InetSocketAddress(address, port), String.join("/", path) + query, uriHost);
        }
    }
}
