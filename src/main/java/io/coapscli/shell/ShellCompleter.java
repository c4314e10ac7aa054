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
 * Tab completion that knows each command's arguments: commands at the first word, {@code coaps}
 * subcommands only at the second, then what each argument takes: file names where a file goes,
 * {@code con}/{@code non-con} for a request's type, {@code on}/{@code off}, {@code true}/{@code false}.
 * Arguments nobody can guess (paths on a peer, keys, payloads) complete to nothing.
 */
final class ShellCompleter implements Completer {

    private static final Completer NOTHING = NullCompleter.INSTANCE;
    private static final Completer FILES = new FileNameCompleter();
    private static final Completer TYPES = new StringsCompleter("con", "non-con");

    /** What each argument position of a coaps subcommand takes, from the third word of the line. */
    private static final Map<String, List<Completer>> COAPS_ARGUMENTS = Map.of(
            "get", List.of(NOTHING, TYPES),
            "put", List.of(NOTHING, TYPES),
            "post", List.of(NOTHING, TYPES),
            "delete", List.of(NOTHING, TYPES),
            "observe", List.of(NOTHING, TYPES),
            "start", List.of(new StringsCompleter("true", "false")),
            "x509", List.of(FILES, FILES, FILES),
            "rpk", List.of(FILES, FILES));

    private final Completer commands;
    private final Completer subcommands;
    private final Completer subcommandsAndHelp;

    ShellCompleter(List<String> commands, List<String> subcommands) {
        this.commands = new StringsCompleter(commands);
        this.subcommands = new StringsCompleter(subcommands);
        List<String> withHelp = new ArrayList<>(subcommands);
        withHelp.add("help");
        this.subcommandsAndHelp = new StringsCompleter(withHelp);
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
            case "coaps" -> coapsArgument(words, index);
            case "help" -> index == 1 ? commands : index == 2 && words.get(1).equals("coaps") ? subcommands : NOTHING;
            case "verbose" -> index == 1 ? new StringsCompleter("on", "off") : NOTHING;
            default -> NOTHING;
        };
    }

    private Completer coapsArgument(List<String> words, int index) {
        if (index == 1) {
            return subcommandsAndHelp;
        }
        String subcommand = words.get(1);
        if (subcommand.equals("help")) {
            return index == 2 ? subcommands : NOTHING;
        }
        List<Completer> arguments = COAPS_ARGUMENTS.getOrDefault(subcommand, List.of());
        return index - 2 < arguments.size() ? arguments.get(index - 2) : NOTHING;
    }
}
