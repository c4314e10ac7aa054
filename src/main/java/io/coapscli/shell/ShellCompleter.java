package io.coapscli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;

/**
 * Tab completion that knows each command's arguments: commands at the first word, {@code coaps} and
 * {@code coap} subcommands only at the second, then what each argument takes: file names where a file goes,
 * {@code con}/{@code non-con} for a request's type, {@code on}/{@code off}, {@code true}/{@code false}.
 * Arguments nobody can guess (paths on a peer, keys, payloads) complete to nothing.
 */
final class ShellCompleter implements Completer {

    private static final Completer NOTHING = NullCompleter.INSTANCE;
    private static final Completer FILES = new FileNameCompleter();
    private static final Completer TYPES = new StringsCompleter("con", "non-con");
    private static final Completer TYPES_AND_BLOCKS = new StringsCompleter("con", "non-con", "block-16", "block-32",
            "block-64", "block-128", "block-256", "block-512", "block-1024");

    /** What each argument position of a coaps subcommand takes, from the third word of the line. */
    private static final Map<String, List<Completer>> COAPS_ARGUMENTS = Map.of(
            "get", List.of(NOTHING, TYPES_AND_BLOCKS),
            "put", List.of(NOTHING, TYPES_AND_BLOCKS),
            "post", List.of(NOTHING, TYPES_AND_BLOCKS),
            "delete", List.of(NOTHING, TYPES),
            "observe", List.of(NOTHING, TYPES),
            "start", List.of(new StringsCompleter("true", "false")),
            "x509", List.of(FILES, FILES, FILES),
            "rpk", List.of(FILES, FILES));

    /** The same for a coap subcommand, whose requests name their peer first. */
    private static final Map<String, List<Completer>> COAP_ARGUMENTS = Map.of(
            "get", List.of(NOTHING, NOTHING, TYPES_AND_BLOCKS),
            "put", List.of(NOTHING, NOTHING, TYPES_AND_BLOCKS),
            "post", List.of(NOTHING, NOTHING, TYPES_AND_BLOCKS),
            "delete", List.of(NOTHING, NOTHING, TYPES),
            "observe", List.of(NOTHING, NOTHING, TYPES),
            "parameters", List.of(new StringsCompleter("request", "response"), new StringsCompleter("default")));

    private final Completer commands;
    private final Completer subcommands;
    private final Completer subcommandsAndHelp;
    private final Completer coapSubcommands;
    private final Completer coapSubcommandsAndHelp;

    ShellCompleter(List<String> commands, List<String> subcommands, List<String> coapSubcommands) {
        this.commands = new StringsCompleter(commands);
        this.subcommands = new StringsCompleter(subcommands);
        this.subcommandsAndHelp = new StringsCompleter(withHelp(subcommands));
        this.coapSubcommands = new StringsCompleter(coapSubcommands);
        this.coapSubcommandsAndHelp = new StringsCompleter(withHelp(coapSubcommands));
    }

    private static List<String> withHelp(List<String> subcommands) {
        List<String> withHelp = new ArrayList<>(subcommands);
        withHelp.add("help");
        return withHelp;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        forWord(line.words(), line.wordIndex()).complete(reader, line, candidates);
    }

    private Completer forWord(List<String> words, int index) {
        if (index == 0) {
            return commands;
        }
        String command = words.get(0);
        return switch (command) {
            case "coaps" -> argument(words, index, subcommandsAndHelp, subcommands, COAPS_ARGUMENTS);
            case "coap" -> argument(words, index, coapSubcommandsAndHelp, coapSubcommands, COAP_ARGUMENTS);
            case "help" -> index == 1 ? commands : index == 2 && words.get(1).equals("coaps") ? subcommands : NOTHING;
            case "verbose" -> index == 1 ? new StringsCompleter("on", "off") : NOTHING;
            default -> NOTHING;
        };
    }

    private static Completer argument(List<String> words, int index, Completer namesAndHelp, Completer names,
            Map<String, List<Completer>> argumentsOf) {
        if (index == 1) {
            return namesAndHelp;
        }
        String subcommand = words.get(1);
        if (subcommand.equals("help")) {
            return index == 2 ? names : NOTHING;
        }
        List<Completer> arguments = argumentsOf.getOrDefault(subcommand, List.of());
        return index - 2 < arguments.size() ? arguments.get(index - 2) : NOTHING;
    }
}
