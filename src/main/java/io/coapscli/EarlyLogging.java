package io.coapscli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Sets up logging from {@code --log-level} and {@code --log-file} before the command line is parsed, so
 * that the crypto warm-up can start first thing: SLF4J's simple logger reads its settings once, when the
 * first class asks for a logger, and the warm-up's Californium classes do. picocli checks the same
 * options properly afterwards; a value it refuses ends the run as a usage error before anything is logged.
 */
final class EarlyLogging {

    private EarlyLogging() {
    }

    static void configure(String[] args) {
        String level = "error";
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String value = valueOf("--log-level", args, i);
            if (value != null && CommandLineValues.LOG_LEVELS.contains(value.toLowerCase(Locale.ROOT))) {
                level = value.toLowerCase(Locale.ROOT);
            }
            value = valueOf("--log-file", args, i);
            if (value != null && writable(value)) {
                file = value;
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", file == null ? "System.err" : file);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} at this position, else null. */
    private static String valueOf(String name, String[] args, int i) {
        if (args[i].equals(name) && i + 1 < args.length) {
            return args[i + 1];
        }
        return args[i].startsWith(name + "=") ? args[i].substring(name.length() + 1) : null;
    }

    /** The simple logger would print a stack trace for a file it cannot open; such a file is refused later. */
    private static boolean writable(String file) {
        try {
            openForAppend(file);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Creates the log file if missing and checks it can be appended to. */
    static void openForAppend(String file) throws IOException {
        Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
    }
}
