package io.coapscli.shell;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.CoAP.Code;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapsAgent;
import io.coapscli.agent.OtError;
import io.coapscli.dtls.CredentialException;
import io.coapscli.dtls.RpkCredentials;
import io.coapscli.dtls.X509Credentials;

/**
 * The {@code coaps} subcommands, one small handler each, in OpenThread's sorted table; the extensions
 * in a sorted table of their own, listed after OpenThread's.
 */
final class CoapsCommands {

    private static final String HEX_KEY_FLAG = "-x";

    private final CoapsAgent agent;
    private final Consumer<String> out;
    private final CommandTable table;

    CoapsCommands(CoapsAgent agent, Consumer<String> out) {
        this.agent = agent;
        this.out = out;
        this.table = new CommandTable(List.of(
                new Command("connect", this::connect),
                new Command("delete", args -> request(Code.DELETE, args)),
                new Command("disconnect", args -> agent.disconnect()),
                new Command("get", args -> request(Code.GET, args)),
                new Command("isclosed", args -> yesNo(args, !agent.isStarted())),
                new Command("isconnactive", args -> yesNo(args, agent.isConnectionActive())),
                new Command("isconnected", args -> yesNo(args, agent.isConnected())),
                new Command("post", args -> request(Code.POST, args)),
                new Command("psk", this::psk),
                new Command("put", args -> request(Code.PUT, args)),
                new Command("resource", args -> ResourceCommand.run(agent.resource(), args, out)),
                new Command("set", this::set),
                new Command("start", this::start),
                new Command("stop", args -> agent.stop()),
                new Command("x509", this::x509)),
                // Beyond OpenThread's coaps: its plain-CoAP observe commands.
                List.of(new Command("cancel", this::cancel),
                        new Command("observe", this::observe),
                        new Command("rpk", this::rpk)));
    }

    /** {@code coaps [subcommand args...]}. */
    void run(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            printList();
            throw new AgentException(OtError.INVALID_ARGS);
        }
        if (args.get(0).equals("help")) {
            help(args.subList(1, args.size()));
            return;
        }
        Command command = table.require(args.get(0), "coaps ");
        command.handler().run(args.subList(1, args.size()));
    }

    List<String> names() {
        return table.names();
    }

    private void printList() {
        table.names().forEach(out);
    }

    /** {@code coaps help}: the list; {@code coaps help <subcommand>}: its usage and an example. */
    private void help(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            printList();
            return;
        }
        if (args.size() > 1 || table.find(args.get(0)).isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        Help.coaps(args.get(0)).forEach(out);
    }

    private void start(List<String> args) throws AgentException {
        boolean verify = true;
        int maxAttempts = 0;
        if (args.size() > 1) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        if (args.size() == 1) {
            String arg = args.get(0);
            if (arg.equals("false")) {
                verify = false;
            } else if (!arg.equals("true")) {
                maxAttempts = Numbers.decimal(arg, 0, 65535);
                if (maxAttempts < 0) {
                    throw new AgentException(OtError.INVALID_ARGS);
                }
            }
        }
        agent.start(verify, maxAttempts);
    }

    /** {@code psk <key> <identity>}, or {@code psk -x <hex-key> <identity>}: told apart by the count. */
    private void psk(List<String> args) throws AgentException {
        byte[] key;
        byte[] identity;
        if (args.size() == 3 && args.get(0).equals(HEX_KEY_FLAG)) {
            key = hex(args.get(1));
            identity = bytes(args.get(2));
        } else if (args.size() == 2) {
            key = bytes(args.get(0));
            identity = bytes(args.get(1));
        } else {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        agent.usePsk(key, identity);
    }

    private void x509(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            agent.useX509(X509Credentials.builtIn());
        } else if (args.size() == 2 || args.size() == 3) {
            Path ca = args.size() == 3 ? file(args.get(2)) : null;
            try {
                agent.useX509(X509Credentials.fromFiles(file(args.get(0)), file(args.get(1)), ca));
            } catch (CredentialException e) {
                throw AgentException.of(e);
            }
        } else {
            throw new AgentException(OtError.INVALID_ARGS);
        }
    }

    /** {@code rpk [<key.pem> [<trusted-keys.pem>]]}: raw public keys, the built-in pair without files. */
    private void rpk(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            agent.useRpk(RpkCredentials.builtIn());
        } else if (args.size() <= 2) {
            try {
                agent.useRpk(RpkCredentials.fromFiles(file(args.get(0)),
                        args.size() == 2 ? file(args.get(1)) : null));
            } catch (CredentialException e) {
                throw AgentException.of(e);
            }
        } else {
            throw new AgentException(OtError.INVALID_ARGS);
        }
    }

    private void connect(List<String> args) throws AgentException {
        agent.connect(PeerAddress.of(args));
    }

    private void yesNo(List<String> args, boolean answer) throws AgentException {
        if (!args.isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        out.accept(answer ? "yes" : "no");
    }

    private void set(List<String> args) throws AgentException {
        if (args.isEmpty()) {
            out.accept(textUpToNul(agent.resource().content()));
        } else {
            for (InetSocketAddress observer : agent.resource().setContent(bytes(args.get(0)))) {
                out.accept(EventLines.notifying(AgentName.COAPS, observer));
            }
        }
    }

    /** {@code observe <uri-path> [con|non-con]}. */
    private void observe(List<String> args) throws AgentException {
        if (args.isEmpty() || args.get(0).isEmpty() || args.size() > 2) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        agent.observe(args.get(0), args.size() > 1 && args.get(1).equals("con"));
    }

    private void cancel(List<String> args) throws AgentException {
        if (!args.isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        agent.cancelObservation();
    }

    /**
     * {@code get|put|post|delete <uri-path> [con|non-con] [payload]}, and OpenThread's block-wise forms
     * {@code get <uri-path> block-<size> [count]} and {@code put|post <uri-path> block-<size> [count]}. A type
     * that is neither (such as {@code block-63}) makes a non-confirmable request, as in OpenThread.
     */
    private void request(Code method, List<String> args) throws AgentException {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new AgentException(OtError.INVALID_ARGS);
        }
        BlockForm blocks = BlockForm.at(args, 1, method);
        if (blocks != null) {
            BlockForm.printFirst(agent.requestBlockwise(method, args.get(0), blocks.szx(), blocks.count()), out);
            return;
        }
        boolean confirmable = args.size() > 1 && args.get(1).equals("con");
        byte[] payload = args.size() > 2 ? bytes(args.get(2)) : new byte[0];
        agent.request(method, args.get(0), confirmable, payload);
    }

    /** A file argument; one the system cannot name (a NUL in it) is a bad argument, said as such. */
    private static Path file(String arg) throws AgentException {
        try {
            return Path.of(arg);
        } catch (java.nio.file.InvalidPathException e) {
            throw new AgentException(OtError.INVALID_ARGS, "not a file name: " + e.getReason());
        }
    }

    private static byte[] bytes(String arg) {
        return arg.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String arg) throws AgentException {
        try {
            return HexFormat.of().parseHex(arg);
        } catch (IllegalArgumentException e) {
            // The argument is (almost) the key: it is never echoed.
            throw new AgentException(OtError.INVALID_ARGS, "the key is not an even number of hex digits");
        }
    }

    /** The content as OpenThread prints it: as a C string, up to the first zero byte. */
    private static String textUpToNul(byte[] content) {
        int end = 0;
        while (end < content.length && content[end] != 0) {
            end++;
        }
        return new String(content, 0, end, StandardCharsets.UTF_8);
    }
}
