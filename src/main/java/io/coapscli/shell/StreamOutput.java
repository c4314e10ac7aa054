package io.coapscli.shell;

import java.io.PrintStream;

/** Lines to a plain stream (a pipe, a file, a test), flushed one by one. */
public final class StreamOutput implements Output {
    private final PrintStream stream;

    public StreamOutput(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void line(String text) {
        stream.print(text);
        stream.print('\n');
        stream.flush();
    }
}
