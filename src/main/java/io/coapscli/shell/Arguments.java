package io.coapscli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments at spaces, as OpenThread's CLI does; beyond it, a double-quoted
 * argument may contain spaces and a backslash takes the next character literally.
 */
final class Arguments {

    private Arguments() {
    }

    /** Thrown for an unterminated quote or a trailing backslash. */
    static final class MalformedLineException extends Exception {
        MalformedLineException(String message) {
            super(message, null, false, false);
        }
    }

    static List<String> split(String line) throws MalformedLineException {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                if (++i == line.length()) {
                    throw new MalformedLineException("a backslash ends the line");
                }
                current.append(line.charAt(i));
                inArgument = true;
            } else if (c == '"') {
                quoted = !quoted;
                inArgument = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quoted) {
            throw new MalformedLineException("a double quote is not closed");
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        return arguments;
    }
}
