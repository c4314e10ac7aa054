package io.coapscli.shell;

import org.jline.reader.LineReader;

/** Lines above JLine's prompt, so that an event never breaks the line the user is typing. */
final class TerminalOutput implements Output {
    private final LineReader reader;

    TerminalOutput(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized void line(String text) {
        reader.printAbove(text);
    }
}
