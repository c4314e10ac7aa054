package io.coapscli.shell;

import org.jline.reader.LineReader;

/**
 * Lines above JLine's prompt, so that an event never breaks the line the user is typing. The shell is built
 * while JLine opens the terminal, so the reader comes later; a line before it (none is expected: nothing
 * runs before the first command) goes straight to standard output.
 */
final class TerminalOutput implements Output {
    private LineReader reader;

    synchronized void printAbove(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized void line(String text) {
        if (reader == null) {
            System.out.println(text);
        } else {
            reader.printAbove(text);
        }
    }
}
