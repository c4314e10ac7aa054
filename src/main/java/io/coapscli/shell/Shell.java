package io.coapscli.shell;

import java.util.List;

import io.coapscli.agent.AgentException;
import io.coapscli.agent.AgentListener;
import io.coapscli.agent.CoapsAgent;
import io.coapscli.agent.OtError;

/**
 * Reads command lines and prints OpenThread's lines. The only code that prints: each command's output
 * and its one result line ({@code Done} or {@code Error N: Name}), and the agent's events.
 */
public final class Shell {

    private final CoapsAgent agent;
    private final Output out;
    private final CoapsCommands coaps;
    private final CommandTable topLevel;
    private boolean exitRequested;

    public Shell(CoapsAgent agent, Output out) {
        this.agent = agent;
        this.out = out;
        this.coaps = new CoapsCommands(agent, out);
        this.topLevel = new CommandTable(List.of(
                new Command("coaps", coaps::run),
                new Command("exit", args -> exitRequested = true),
                new Command("help", args -> topLevelNames().forEach(out::line))));
    }

    /** Prints each agent event as its line; give this to the agent. */
    public static AgentListener eventPrinter(Output out) {
        return event -> out.line(EventLines.format(event));
    }

    /**
     * Runs one command line and prints its output and result; nothing for a blank line. Event lines wait
     * until the result is out.
     *
     * @return false once the user asked to leave
     */
    public boolean execute(String line) {
        // Lines of events that happened before this command was read come before its output.
        agent.awaitQueuedEvents();
        synchronized (out) {
            List<String> args;
            try {
                args = Arguments.split(line);
            } catch (Arguments.MalformedLineException e) {
                printError(new AgentException(OtError.INVALID_ARGS, e.getMessage()));
                return true;
            }
            if (args.isEmpty()) {
                return true;
            }
            try {
                topLevel.find(args.get(0))
                        .orElseThrow(() -> new AgentException(OtError.INVALID_COMMAND))
                        .handler().run(args.subList(1, args.size()));
                out.line("Done");
            } catch (AgentException e) {
                printError(e);
            }
        }
        return !exitRequested;
    }

    List<String> topLevelNames() {
        return topLevel.names();
    }

    List<String> coapsNames() {
        return coaps.names();
    }

    private void printError(AgentException e) {
        if (e.reason() != null) {
            out.line(e.reason());
        }
        out.line("Error " + e.error().number() + ": " + e.error().otName());
    }

    public CoapsAgent agent() {
        return agent;
    }
}
