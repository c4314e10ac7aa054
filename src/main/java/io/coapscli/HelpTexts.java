package io.coapscli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code --help} texts, rendered by picocli at build time (80 columns, no colours: what picocli prints
 * when the output is no terminal) and kept in the jar, so that a script that asks for help does not wait
 * 150 ms for picocli's model of the command line. On a terminal picocli renders them for its width.
 * {@link HelpTextsBuilder} renders them; {@code HelpTextsTest} holds the kept texts equal to picocli's. No
 * picocli class is named here: loading this class must not load picocli.
 */
final class HelpTexts {

    static final String FOLDER = "help/";
    static final List<String> SUBCOMMANDS = List.of("get", "put", "post", "delete", "observe", "bench", "serve");

    private HelpTexts() {
    }

    /** The text for {@code --help} or {@code <subcommand> --help}, or null for any other command line. */
    static String kept(String[] argv) {
        String name;
        if (argv.length == 1 && isHelp(argv[0])) {
            name = "coaps-cli";
        } else if (argv.length == 2 && isHelp(argv[1]) && SUBCOMMANDS.contains(argv[0])) {
            name = argv[0];
        } else {
            return null;
        }
        try (InputStream in = HelpTexts.class.getResourceAsStream(FOLDER + name + ".txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }
}
