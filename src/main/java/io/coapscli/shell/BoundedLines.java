package io.coapscli.shell;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines from a stream, none longer in memory than {@link Shell#MAX_LINE_CHARS} + 1 characters: the rest
 * of a longer line is read and dropped, so that the shell refuses it instead of the JVM running out of
 * memory on endless input without a newline.
 */
public final class BoundedLines {

    private final Reader in;
    private final StringBuilder line = new StringBuilder();

    public BoundedLines(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), cut after one character too many; null at the end. */
    public String next() throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() <= Shell.MAX_LINE_CHARS) {
                line.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }
}
