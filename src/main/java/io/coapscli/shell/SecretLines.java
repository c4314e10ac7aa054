package io.coapscli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command lines that carry a pre-shared key: any line with the word {@code psk}, also a mistyped one
 * ({@code coap psk ...}), or one that does not even split but contains it. History keeps none of them,
 * and JSON results show them with the key masked.
 */
final class SecretLines {

    static final String MASK = "********";
    private static final String PSK = "psk";

    private SecretLines() {
    }

    static boolean carriesSecret(String line) {
        List<String> args = splitOrNull(line);
        if (args == null) {
            return line.toLowerCase(Locale.ROOT).contains(PSK);
        }
        return pskIndex(args) >= 0;
    }

    /** The line as it may be shown: the key replaced by {@link #MASK}, the identity kept. */
    static String masked(String line) {
        List<String> args = splitOrNull(line);
        if (args == null) {
            int at = line.toLowerCase(Locale.ROOT).indexOf(PSK);
            return at < 0 ? line : line.substring(0, at + PSK.length()) + " " + MASK;
        }
        int psk = pskIndex(args);
        if (psk < 0) {
            return line;
        }
        List<String> shown = new ArrayList<>(args.subList(0, psk + 1));
        List<String> rest = args.subList(psk + 1, args.size());
        if (rest.size() == 2) {
            shown.add(MASK);
            shown.add(rest.get(1));
        } else if (rest.size() == 3 && rest.get(0).equals("-x")) {
            shown.add("-x");
            shown.add(MASK);
            shown.add(rest.get(2));
        } else if (!rest.isEmpty()) {
            shown.add(MASK);
        }
        return String.join(" ", shown.stream().map(SecretLines::quoted).toList());
    }

    private static int pskIndex(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equalsIgnoreCase(PSK)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitOrNull(String line) {
        try {
            return Arguments.split(line);
        } catch (Arguments.MalformedLineException e) {
            return null;
        }
    }

    /** An argument written so that the shell would read it back the same. */
    private static String quoted(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
