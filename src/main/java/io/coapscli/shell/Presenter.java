package io.coapscli.shell;

import io.coapscli.agent.AgentEvent;
import io.coapscli.agent.AgentException;

/**
 * Says what the shell has to say, as OpenThread's text lines or as JSON objects, through one
 * {@link Output}, whose monitor also orders commands against events.
 */
public interface Presenter {

    /** The sink every line goes through; the shell holds its monitor while a command runs. */
    Output output();

    /** A line a command prints before its result (a path, yes or no, a list). */
    void commandOutput(String line);

    /** The command's one result: {@code error} null for Done. */
    void result(String commandLine, AgentException error);

    /** An event of the secure agent ({@code coaps}). */
    default void event(AgentEvent event) {
        event(AgentName.COAPS, event);
    }

    /** An agent's event, as it happened; its line may wait in a buffer until {@link #flush()}. */
    void event(AgentName agent, AgentEvent event);

    /** Writes out buffered lines: no more events are waiting. */
    default void flush() {
        output().flush();
    }
}
