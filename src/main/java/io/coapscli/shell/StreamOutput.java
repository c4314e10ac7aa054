package io.coapscli.shell;

import java.io.PrintStream;

/**
 * Lines to a plain stream (a pipe, a file, a test), buffered: a command's result flushes them, and so does
 * the agent's event thread when it has no more events to deliver, so a burst of event lines under load
 * costs one write, while a script reading lines never waits for a line that happened.
 */
public final class StreamOutput implements Output {
    private final PrintStream stream;

    public StreamOutput(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void line(String text) {
        stream.print(text);
        stream.print('\n');
    }

    @Override
    public synchronized void flush() {
        stream.flush();
    }
}
