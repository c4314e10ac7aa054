package io.coapscli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * What the command line and every subcommand share: the version they print and the values of
 * {@code --log-level}. Apart from the commands, so that a subcommand does not depend on the command
 * that lists it.
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

    static String version() {
        String version = CommandLineValues.class.getPackage().getImplementationVersion();
        if (version == null) {
            // Outside the jar: the build names the version it generates the man page for.
            version = System.getProperty("coapscli.version");
        }
        return version == null ? "(development build)" : version;
    }
}
