package io.coapscli.shell;

import java.util.List;
import java.util.Optional;

/** A command table kept in name order, as OpenThread's CLI keeps its tables, so that listings are sorted. */
final class CommandTable {
    private final List<Command> commands;

    CommandTable(List<Command> commands) {
        for (int i = 1; i < commands.size(); i++) {
            if (commands.get(i - 1).name().compareTo(commands.get(i).name()) >= 0) {
                throw new IllegalArgumentException("command table out of order at " + commands.get(i).name());
            }
        }
        this.commands = List.copyOf(commands);
    }

    Optional<Command> find(String name) {
        return commands.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    List<String> names() {
        return commands.stream().map(Command::name).toList();
    }
}
