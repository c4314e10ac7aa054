package io.coapscli.shell;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.OtError;

/**
 * A command table kept in name order, as OpenThread's CLI keeps its tables, so that listings are sorted.
 * Commands beyond OpenThread's form a second sorted section listed after them, so that OpenThread's
 * listing stays as it is with the extensions appended.
 */
final class CommandTable {
    private final List<Command> commands;

    CommandTable(List<Command> commands) {
        this(commands, List.of());
    }

    CommandTable(List<Command> openThread, List<Command> extensions) {
        checkSorted(openThread);
        checkSorted(extensions);
        this.commands = Stream.concat(openThread.stream(), extensions.stream()).toList();
    }

    private static void checkSorted(List<Command> commands) {
        for (int i = 1; i < commands.size(); i++) {
            if (commands.get(i - 1).name().compareTo(commands.get(i).name()) >= 0) {
                throw new IllegalArgumentException("command table out of order at " + commands.get(i).name());
            }
        }
    }

    Optional<Command> find(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    /** The command of that name, or {@code Error 35: InvalidCommand} with the names it was probably meant as. */
    Command require(String name, String prefix) throws AgentException {
        Optional<Command> command = find(name);
        if (command.isPresent()) {
            return command.get();
        }
        List<String> close = Suggestions.closest(name, names());
        throw AgentException.detailed(OtError.INVALID_COMMAND, "unknown command " + prefix + name
                + (close.isEmpty() ? "" : "; did you mean " + prefix + String.join(" or " + prefix, close) + "?"));
    }

    List<String> names() {
        return commands.stream().map(Command::name).toList();
    }
}
