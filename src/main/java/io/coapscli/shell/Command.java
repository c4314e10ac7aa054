package io.coapscli.shell;

import java.util.List;

import io.coapscli.agent.AgentException;

/**
 * One named entry of a command table: a small handler that prints its own lines and throws its error.
 * A command that blocks for long ({@code wait}) runs without holding the output, so events keep printing.
 */
record Command(String name, Handler handler, boolean holdsOutput) {

    Command(String name, Handler handler) {
        this(name, handler, true);
    }

    @FunctionalInterface
    interface Handler {
        /** Runs with the arguments after the command's name; returning normally means {@code Done}. */
        void run(List<String> args) throws AgentException;
    }
}
