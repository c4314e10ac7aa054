package io.coapscli.shell;

import java.io.IOException;

import org.jline.reader.LineReader;
import org.jline.reader.Widget;
import org.jline.utils.NonBlockingReader;

/**
 * Self-insert that takes every printable character already waiting with the one typed. JLine redraws
 * the whole line after each key, which made a pasted 20,000-character line cost 20 s when the terminal
 * does not bracket pastes; inserted together, a 64 KiB paste is drawn a few times instead of 65536.
 * Anything else (Tab, Enter, an escape sequence) ends the run and goes through its own binding.
 */
final class PasteInsert implements Widget {

    /** A key is pending if it arrives this soon: a paste's characters come back to back. */
    private static final long PENDING_MS = 1;

    private final LineReader reader;
    private final NonBlockingReader input;

    private PasteInsert(LineReader reader) {
        this.reader = reader;
        this.input = reader.getTerminal().reader();
    }

    static void install(LineReader reader) {
        reader.getWidgets().put(LineReader.SELF_INSERT, new PasteInsert(reader));
    }

    @Override
    public boolean apply() {
        StringBuilder typed = new StringBuilder(reader.getLastBinding());
        try {
            while (typed.length() < Shell.MAX_LINE_CHARS && isPrintable(input.peek(PENDING_MS))) {
                typed.append((char) input.read());
            }
        } catch (IOException e) {
            // what was read so far is inserted; the reader reports the terminal's failure on its next read
        }
        reader.getBuffer().write(typed);
        return true;
    }

    private static boolean isPrintable(int c) {
        return c >= ' ' && c != 127;
    }
}
