package io.coapscli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;


import io.coapscli.agent.CoapsAgent;
import io.coapscli.shell.Output;
import io.coapscli.shell.Shell;
import io.coapscli.shell.StreamOutput;
import io.coapscli.shell.TerminalShell;

/** Entry point: options, logging, then the shell on a terminal (JLine) or on plain lines from a pipe. */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        Options options;
        try {
            options = Options.parse(Arrays.asList(argv));
        } catch (Options.UsageException e) {
            System.err.println("coaps-cli: " + e.getMessage());
            System.err.println("Try 'coaps-cli --help'.");
            return 2;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return 0;
        }
        if (options.version()) {
            System.out.println("coaps-cli " + version());
            return 0;
        }
        configureLogging(options);
        try {
            if (System.console() != null) {
                TerminalShell.run(options.settings());
            } else {
                runOnLines(options);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("coaps-cli: " + e.getMessage());
            return 1;
        }
    }

    /** Plain lines in, plain lines out, no prompt: for pipes, files and tools like expect. */
    private static void runOnLines(Options options) throws IOException {
        Output out = new StreamOutput(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        try (CoapsAgent agent = new CoapsAgent(options.settings(), Shell.eventPrinter(out))) {
            Shell shell = new Shell(agent, out);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && shell.execute(line)) {
                // next line
            }
        }
    }

    /** SLF4J's simple logger reads these once, at its first use, so they are set before anything logs. */
    private static void configureLogging(Options options) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", options.logLevel());
        System.setProperty("org.slf4j.simpleLogger.logFile", options.logFile() == null ? "System.err" : options.logFile());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
