package io.coapscli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * What the command line and every subcommand share: the version they print, the values of
 * {@code --log-level} and how a usage error is said. Apart from the commands, so that a subcommand does not
 * depend on the command that lists it.
 */
public final class CommandLineValues {

    /** The values of {@code --log-level}, in the order help and completion list them. */
    static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace", "off");

    private CommandLineValues() {
    }

    /** {@code --version}: the version the build stamped into the jar. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"coaps-cli " + version()};
        }
    }

    /** The values of {@code --log-level}, for completion and the man page. */
    public static final class LogLevels extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        public LogLevels() {
            super(LOG_LEVELS);
        }
    }

    /** What is wrong with a {@code --log-level} value, or null when it names a level. */
    public static String logLevelProblem(String text) {
        return LOG_LEVELS.contains(text.toLowerCase(java.util.Locale.ROOT)) ? null
                : "--log-level takes one of error, warn, info, debug, trace, off; not " + text;
    }

    /**
     * A usage error as every command says it: what is wrong, then where to read more; the status for it (2).
     * Said by picocli's handler and by a command line read without picocli.
     */
    public static int usageError(String command, String problem) {
        System.err.println(command + ": " + problem);
        return tryHelp(command);
    }

    /** The line that ends every usage error; the status for it (2). */
    static int tryHelp(String command) {
        System.err.println("Try '" + command + " --help'.");
        return 2;
    }

    static String version() {
        String version = CommandLineValues.class.getPackage().getImplementationVersion();
        if (version == null) {
            // Outside the jar: the build names the version it generates the man page for.
            version = System.getProperty("coapscli.version");
        }
        return version == null ? "(development build)" : version;
    }
}
