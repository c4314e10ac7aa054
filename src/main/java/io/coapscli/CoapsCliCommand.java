package io.coapscli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.bench.BenchCommand;
import io.coapscli.oneshot.RequestCommand;
import io.coapscli.serve.ServeCommand;
import io.coapscli.shell.Suggestions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The process command line (picocli): the shell's options, and the subcommands {@code bench}, {@code serve}
 * and the one-shot requests. Without a subcommand the shell runs; its own grammar (the OpenThread commands) is
 * the shell's, not this.
 */
@Command(name = "coaps-cli", mixinStandardHelpOptions = true, versionProvider = CommandLineValues.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = {"coaps-cli [options]", "coaps-cli get|put|post|delete|observe [options] <coaps-uri> [payload]",
            "coaps-cli bench [options]", "coaps-cli serve <dir> [options]"},
        description = {"OpenThread's Secure CoAP shell (coaps ...) on this host, over UDP; or one request at a "
            + "coaps:// URI; or a load generator; or a test server of a directory's files."},
        footer = {"", "Scripts (-c, --script) exit 0 when every command ended in Done and every connect and request "
            + "succeeded, 1 otherwise, 2 for a usage error.",
            "Type `help` or `coaps help` at the prompt. Reference: docs/CLI.md (or `man coaps-cli`)."})
public class CoapsCliCommand implements Callable<Integer> {

    /**
     * The subcommands (as {@link Documented} declares them); picocli builds each one's model by reflection,
     * which the shell's start-up does not wait for.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(Documented.class.getAnnotation(Command.class).subcommands());
    static final List<String> SUBCOMMAND_NAMES = SUBCOMMANDS.stream()
            .map(subcommand -> subcommand.getAnnotation(Command.class).name()).toList();

    @Spec
    private CommandSpec spec;

    private final AgentSettings defaults = AgentSettings.defaults();

    @Option(order = 1, names = "--port", paramLabel = "N", description = "local UDP port that `coaps start` binds "
            + "(default 5684; 0 = any free port)")
    private String port = String.valueOf(AgentSettings.DEFAULT_PORT);

    @Option(order = 2, names = "--coap-port", paramLabel = "N", description = "local UDP port that `coap start` binds "
            + "(default 5683; 0 = any free port)")
    private String coapPort = String.valueOf(CoapAgent.DEFAULT_PORT);

    @Option(order = 3, names = "--bind", paramLabel = "ADDR", description = "local address literal to bind (default: every "
            + "interface, IPv4 and IPv6)")
    private String bind;

    private final List<Options.Source> script = new ArrayList<>();

    @Option(order = 4, names = {"-c", "--command"}, paramLabel = "COMMAND", description = "run COMMAND (repeatable), each "
            + "after the previous one's outcome, then exit")
    private void command(String command) {
        script.add(new Options.Source(command, null));
    }

    @Option(order = 5, names = "--script", paramLabel = "FILE", description = "run FILE's lines the same way ('-' reads "
            + "standard input)")
    private void scriptFile(Path file) {
        script.add(new Options.Source(null, file));
    }

    @Option(order = 6, names = "--json", description = "print every result and event as one JSON object per line")
    private boolean json;

    @Option(order = 7, names = "--verbose", description = "add detail lines (codes, round trips, suites, failure reasons)")
    private boolean verbose;

    @Option(order = 8, names = "--dtls-timeout", paramLabel = "MS", description = "initial DTLS retransmission timeout, "
            + "doubled for each of 4 retransmissions (default 1000: a handshake gives up after 31 s)")
    private String dtlsTimeout = String.valueOf(defaults.dtlsRetransmissionTimeout().toMillis());

    @Option(order = 9, names = "--ack-timeout", paramLabel = "MS", description = "CoAP ACK_TIMEOUT (default 2000: a request "
            + "gives up after 93 s)")
    private String ackTimeout = String.valueOf(defaults.ackTimeout().toMillis());

    @Option(order = 10, names = "--idle-timeout", paramLabel = "S", description = "end a server session from which nothing "
            + "came for S seconds (default 300; 0 keeps idle sessions forever)")
    private String idleTimeout = String.valueOf(defaults.idleTimeout().toSeconds());

    @Option(order = 11, names = "--reconnect", description = "after a peer stopped answering (a request and a CoAP ping "
            + "unacknowledged), the next request shakes hands with it again first (default: off)")
    private boolean reconnect;

    @Option(order = 12, names = "--cid", paramLabel = "LENGTH", description = "use DTLS Connection IDs (RFC 9146), so sessions "
            + "survive address changes: 1-16 bytes asked of peers, 0 to only use a peer's (default: off)")
    private String cid;

    @Option(order = 13, names = "--keylog", paramLabel = "FILE", description = "append each session's secret to FILE (NSS key "
            + "log) for Wireshark; default $SSLKEYLOGFILE. ANYONE WITH THE FILE READS THE TRAFFIC.")
    private Path keyLog;

    @Option(order = 14, names = "--log-level", paramLabel = "LEVEL", completionCandidates = CommandLineValues.LogLevels.class,
            description = "error, warn, info, debug, trace or off; logs go to stderr (default error)")
    private String logLevel = "error";

    @Option(order = 15, names = "--log-file", paramLabel = "FILE", description = "write logs to FILE instead of stderr")
    private Path logFile;

    @Override
    public Integer call() {
        try {
            return ShellLaunch.runShell(options());
        } catch (Options.UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The shell's options as picocli read them. */
    Options options() throws Options.UsageException {
        return Options.of(port, bind, logLevel, logFile == null ? null : logFile.toString(), json, verbose,
                script, dtlsTimeout, ackTimeout, idleTimeout, cid, keyLog, reconnect, coapPort);
    }

    /**
     * The picocli command line for these arguments, with coaps-cli's error and exit conventions. The
     * subcommands are left out when nothing in the arguments can concern them (the shell with its options):
     * building their models took 110 ms of the shell's start-up; only the one named is built in full.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine line = new CommandLine(new CoapsCliCommand());
        if (mayConcernSubcommands(args)) {
            // The first subcommand name in the arguments is the subcommand; a later one is an argument of it
            // (`put coap://host/r bench`: "bench" is the payload).
            String named = java.util.Arrays.stream(args).filter(SUBCOMMAND_NAMES::contains).findFirst().orElse(null);
            for (Class<?> subcommand : SUBCOMMANDS) {
                Command declared = subcommand.getAnnotation(Command.class);
                if (declared.name().equals(named)) {
                    line.addSubcommand(subcommand);
                } else {
                    // Only named and described, for the help's list and a mistyped word's suggestions: a full
                    // model of every subcommand took 150 ms of `--help`.
                    CommandSpec listed = CommandSpec.create().name(declared.name());
                    listed.usageMessage().description(declared.description());
                    line.addSubcommand(declared.name(), listed);
                }
            }
        }
        // -c and --script may repeat, and keep their order: each occurrence calls its setter.
        line.setOverwrittenOptionsAllowed(true);
        line.setParameterExceptionHandler(CoapsCliCommand::usageError);
        line.setExecutionExceptionHandler((error, commandLine, parsed) -> {
            throw error;
        });
        return line;
    }

    /** A subcommand's name, help, or a first word that is no option (a subcommand, perhaps mistyped). */
    private static boolean mayConcernSubcommands(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            return true;
        }
        for (String arg : args) {
            if (SUBCOMMAND_NAMES.contains(arg) || arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** A usage error: what is wrong, a suggestion for a mistyped option or subcommand, where to read more; status 2. */
    private static int usageError(ParameterException error, String[] args) {
        CommandLine line = error.getCommandLine();
        String name = line.getCommandSpec().qualifiedName();
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            unknownWord(line, name, unmatched.getUnmatched().get(0));
            return CommandLineValues.tryHelp(name);
        }
        return CommandLineValues.usageError(name, error.getMessage());
    }

    /**
     * The first word picocli could not place, and what it was probably meant to be. Only the first: in
     * {@code --prot 5685} the number is the mistyped option's value, not a second mistake.
     */
    private static void unknownWord(CommandLine line, String name, String word) {
        List<String> suggestions;
        if (word.startsWith("-")) {
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            System.err.println(name + ": unknown option '" + option + "'");
            suggestions = Suggestions.closest(option, line.getCommandSpec().optionsMap().keySet());
        } else if (!line.getSubcommands().isEmpty()) {
            System.err.println(name + ": unknown subcommand '" + word + "'");
            suggestions = Suggestions.closest(word, line.getSubcommands().keySet());
        } else {
            System.err.println(name + ": unexpected argument '" + word + "'");
            suggestions = List.of();
        }
        if (!suggestions.isEmpty()) {
            System.err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
        }
    }

    /**
     * The whole command line in one class, subcommands declared, for the build's generators of the bash
     * completion and the man pages (they take a class name). Everything else is inherited.
     */
    @Command(name = "coaps-cli", subcommands = {BenchCommand.class, RequestCommand.Get.class, RequestCommand.Put.class,
        RequestCommand.Post.class, RequestCommand.Delete.class, RequestCommand.Observe.class, ServeCommand.class})
    public static final class Documented extends CoapsCliCommand {
    }
}
