package io.coapscli.shell;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.agent.AddressLiteral;
import io.coapscli.agent.AgentException;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.OtError;
import io.coapscli.agent.PeerAddresses;
import io.coapscli.agent.TransmissionParameters;

/**
 * The {@code coap} subcommands of OpenThread's plain CoAP agent, one small handler each, in its sorted
 * table (with its observe commands, which OpenThread builds with OPENTHREAD_CONFIG_COAP_OBSERVE_API_ENABLE).
 */
final class CoapCommands {

    /** OpenThread's resource content is a C string in 16 bytes. */
    private static final int MAX_CONTENT_BYTES = 15;
    private static final Pattern WITH_PORT = Pattern.compile("\\[(.+)]:(\\d{1,10})|([0-9.]+):(\\d{1,10})");

    private final CoapAgent agent;
    private final Consumer<String> out;
    private final CommandTable table;

    CoapCommands(CoapAgent agent, Consumer<String> out) {
        this.agent = agent;
        this.out = out;
        this.table = new CommandTable(List.of(
                new Command("cancel", this::cancel),
                new Command("delete", args -> request(Code.DELETE, args)),
                new Command("get", args -> request(Code.GET, args)),
                new Command("observe", this::observe),
                new Command("parameters", this::parameters),
                new Command("post", args -> request(Code.POST, args)),
                new Command("put", args -> request(Code.PUT, args)),
                new Command("resource", args -> ResourceCommand.run(agent.resource(), args, out)),
                new Command("set", this::set),
                new Command("start", args -> agent.start()),
                new Command("stop", args -> agent.stop())), List.of());
    }

    /** {@code coap [subcommand args...]}; {@code coap} alone and {@code coap help} list the subcommands. */
    void run(List<String> args) throws AgentException {
        if (args.isEmpty() || args.get(0).equals("help")) {
            table.names().forEach(out);
            if (args.isEmpty()) {
                throw new AgentException(OtError.INVALID_ARGS);
            }
            return;
        }
        table.require(args.get(0), "coap ").handler().run(args.subList(1, args.size()));
    }

    List<String> names() {
        return table.names();
    }

    /**
     * {@code get|put|post|delete <address> <uri-path> [con|non-con|block-<size>] [payload|count]}. The
     * address is a literal, to port 5683, or {@code [v6]:port} / {@code v4:port} for another port.
     */
    private void request(Code method, List<String> args) throws AgentException {
        if (args.size() < 2 || args.get(1).isEmpty()) {
            if (!args.isEmpty()) {
                peer(args.get(0)); // OpenThread parses the address first
            }
            throw AgentException.detailed(OtError.INVALID_ARGS,
                    "usage: coap " + method.name().toLowerCase() + " <address> <uri-path> [type] [payload]");
        }
        InetSocketAddress peer = peer(args.get(0));
        String uri = args.get(1);
        BlockForm blocks = BlockForm.at(args, 2, method);
        if (blocks != null) {
            BlockForm.printFirst(agent.requestBlockwise(peer, method, uri, blocks.szx(), blocks.count()), out);
            return;
        }
        boolean confirmable = args.size() > 2 && args.get(2).equals("con");
        byte[] payload = args.size() > 3 ? args.get(3).getBytes(StandardCharsets.UTF_8) : new byte[0];
        agent.request(peer, method, uri, confirmable, payload);
    }

    /** {@code observe <address> <uri-path> [con|non-con]}. */
    private void observe(List<String> args) throws AgentException {
        if (args.size() < 2 || args.size() > 3 || args.get(1).isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        agent.observe(peer(args.get(0)), args.get(1), args.size() > 2 && args.get(2).equals("con"));
    }

    private void cancel(List<String> args) throws AgentException {
        if (!args.isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        agent.cancelObservation();
    }

    /** {@code set [<content>]}: OpenThread's content is at most 15 characters. */
    private void set(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            out.accept(new String(agent.resource().content(), StandardCharsets.UTF_8));
            return;
        }
        byte[] content = args.get(0).getBytes(StandardCharsets.UTF_8);
        if (content.length > MAX_CONTENT_BYTES || args.size() > 1) {
            throw AgentException.detailed(OtError.INVALID_ARGS,
                    "the coap resource holds at most " + MAX_CONTENT_BYTES + " bytes, as in OpenThread");
        }
        for (InetSocketAddress observer : agent.resource().setContent(content)) {
            out.accept(EventLines.notifying(AgentName.COAP, observer));
        }
    }

    /**
     * {@code parameters request|response [default | <ack_timeout> <numerator> <denominator> <max_retransmit>]}:
     * prints what applies; a rejected change changes nothing.
     */
    private void parameters(List<String> args) throws AgentException {
        if (args.isEmpty() || !(args.get(0).equals("request") || args.get(0).equals("response"))) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        boolean request = args.get(0).equals("request");
        if (args.size() == 2 && args.get(1).equals("default")) {
            apply(request, null);
        } else if (args.size() == 5) {
            apply(request, TransmissionParameters.of(Unsigned32.parse(args.get(1), "ACK_TIMEOUT"),
                    Unsigned32.parse(args.get(2), "the numerator"), Unsigned32.parse(args.get(3), "the denominator"),
                    Unsigned32.parse(args.get(4), "MAX_RETRANSMIT")));
        } else if (args.size() != 1) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        TransmissionParameters current = request ? agent.requestParameters() : agent.responseParameters();
        out.accept("Transmission parameters for " + args.get(0) + ":");
        out.accept(current == null ? "default" : current.line());
    }

    private void apply(boolean request, TransmissionParameters parameters) {
        if (request) {
            agent.useRequestParameters(parameters);
        } else {
            agent.useResponseParameters(parameters);
        }
    }

    /** The peer: an address literal (port 5683), or {@code [v6]:port} or {@code v4:port}. */
    static InetSocketAddress peer(String text) throws AgentException {
        Matcher withPort = WITH_PORT.matcher(text);
        String host = text;
        long port = CoapAgent.DEFAULT_PORT;
        if (withPort.matches()) {
            host = withPort.group(1) != null ? withPort.group(1) : withPort.group(3);
            port = Long.parseLong(withPort.group(1) != null ? withPort.group(2) : withPort.group(4));
        }
        InetAddress address = AddressLiteral.parse(host).orElseThrow(() -> AgentException.detailed(OtError.PARSE,
                "not an IPv4 or IPv6 address (with [v6]:port or v4:port for a port other than 5683): " + text));
        return new InetSocketAddress(address, PeerAddresses.port(port));
    }
}
