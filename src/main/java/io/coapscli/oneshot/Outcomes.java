package io.coapscli.oneshot;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.Formats;
import io.coapscli.agent.OtError;
import io.coapscli.payload.PayloadView;
import io.coapscli.payload.Utf8;
import io.coapscli.shell.AgentName;
import io.coapscli.shell.JsonPresenter;
import io.coapscli.shell.Presenter;
import io.coapscli.shell.StreamOutput;

/**
 * How a one-shot reports what happened, so a script can rely on it: a 2.xx payload to standard output
 * (or {@code -o FILE}); anything else as one line on standard error; with {@code --json}, every outcome
 * as one JSON object on standard output. Each method returns the exit status.
 */
final class Outcomes {

    private final RequestCommand command;
    private final PrintStream err;
    private final PayloadSink sink;
    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    private final Presenter json = new JsonPresenter(new StreamOutput(out));

    /** The agent whose lines the JSON objects carry: coaps, or coap for a coap:// URI. */
    private final AgentName agent;

    Outcomes(RequestCommand command, AgentName agent, PrintStream err, PayloadSink sink) {
        this.agent = agent;
        this.command = command;
        this.err = err;
        this.sink = sink;
    }

    /** The handshake failed or timed out. */
    int noSession(InetSocketAddress peer, AgentEvent outcome) {
        String reason = outcome instanceof AgentEvent.Disconnected disconnected ? disconnected.reason() : "no answer in time";
        if (command.json) {
            if (outcome != null) {
                json.event(agent, outcome);
            } else {
                refusedAsJson(new AgentException(OtError.FAILED, reason));
            }
            out.flush();
        }
        err.println("coaps-cli: no session with " + Formats.socketAddress(peer) + ": " + reason);
        return 1;
    }

    /** The agent refused the request (it says why). */
    int refused(AgentException error) {
        if (command.json) {
            refusedAsJson(error);
        }
        err.println("coaps-cli: " + (error.why() != null ? error.why() : error.error().otName()));
        return 1;
    }

    private void refusedAsJson(AgentException error) {
        json.result(command.name() + " " + command.uri, error);
        out.flush();
    }

    /** A response or notification (its payload out when 2.xx), a failed request, or the end of the session. */
    int report(AgentEvent event) {
        if (command.json && event != null) {
            json.event(agent, event);
            out.flush();
        }
        if (event instanceof AgentEvent.ResponseReceived response) {
            if (command.verbose) {
                err.println(response.code() + " in "
                        + String.format(Locale.ROOT, "%.1f", response.roundTrip().toNanos() / 1e6) + " ms");
            }
            return payload(response.code(), response.payload(), response.message().contentFormat());
        }
        if (event instanceof AgentEvent.NotificationReceived notification) {
            if (command.verbose) {
                err.println(notification.message().code());
            }
            return payload(notification.message().code(), notification.payload(),
                    notification.message().contentFormat());
        }
        if (event instanceof AgentEvent.RequestFailed failed) {
            err.println("coaps-cli: " + failed.reason() + " (error " + failed.error().number() + ": "
                    + failed.error().otName() + ")");
            return 1;
        }
        if (event instanceof AgentEvent.Disconnected disconnected) {
            err.println("coaps-cli: the session ended: " + disconnected.reason());
            return 1;
        }
        if (event == null && command.json) {
            refusedAsJson(new AgentException(OtError.FAILED, "no answer in time"));
        }
        err.println("coaps-cli: " + (event == null ? "no answer in time" : event));
        return 1;
    }

    private int payload(String code, byte[] body, Integer contentFormat) {
        if (!code.startsWith("2.")) {
            err.println("coaps-cli: " + code + " " + codeName(code) + (body.length == 0 ? "" : ": " + diagnostic(body)));
            return 1;
        }
        if (command.json) {
            return 0;
        }
        try {
            boolean forPeople = command.output == null && pretty();
            Optional<PayloadView.Decoded> readable = forPeople ? PayloadView.of(contentFormat, body) : Optional.empty();
            if (readable.isPresent()) {
                out.println(readable.get().pretty());
                out.flush();
            } else {
                // On a terminal a payload without a line end of its own gets one, so that the prompt that
                // follows starts on a line of its own; pipes and files get the bytes exactly.
                boolean lineAfter = command.observe()
                        || forPeople && body.length > 0 && body[body.length - 1] != '\n';
                sink.write(body, lineAfter);
            }
            return 0;
        } catch (IOException e) {
            err.println("coaps-cli: cannot write the payload: " + e.getMessage());
            return 1;
        }
    }

    /** Decoded payloads with --pretty, or on a terminal; raw bytes in pipes and files. */
    private boolean pretty() {
        return command.pretty || System.console() != null;
    }

    /** "4.04" as Californium names it: "Not Found". */
    static String codeName(String code) {
        try {
            int value = Integer.parseInt(code.substring(0, 1)) << 5 | Integer.parseInt(code.substring(2));
            String name = ResponseCode.valueOf(value).name().toLowerCase(Locale.ROOT).replace('_', ' ');
            StringBuilder words = new StringBuilder();
            for (String word : name.split(" ")) {
                words.append(words.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
            return words.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A diagnostic payload (RFC 7252 5.5.2) is UTF-8 text; anything else is shown as hex. */
    private static String diagnostic(byte[] body) {
        return Utf8.decode(body).filter(text -> text.codePoints().noneMatch(Character::isISOControl))
                .orElseGet(() -> "hex " + Formats.hex(body));
    }
}
