package io.coapscli;

import io.coapscli.dtls.CryptoWarmUp;
import io.coapscli.oneshot.RequestArguments;
import io.coapscli.oneshot.RequestCommand;

/**
 * Entry point: logging and the crypto warm-up first, then the command line decides: the shell
 * ({@link ShellLaunch}), a one-shot request ({@link RequestArguments} reads a plain one without picocli), the
 * test server or the benchmark.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        if (argv.length == 1 && (argv[0].equals("--version") || argv[0].equals("-V"))) {
            // Asked the most often from scripts, answered without reading the rest of the command line.
            System.out.println("coaps-cli " + CommandLineValues.version());
            return 0;
        }
        String help = System.console() == null ? HelpTexts.kept(argv) : null;
        if (help != null) {
            System.out.print(help);
            return 0;
        }
        EarlyLogging.configure(argv);
        Options shell = ShellArguments.parse(argv);
        boolean onTerminal = shell != null && shell.script().isEmpty() && System.console() != null;
        if (needsDtls(argv) && !onTerminal) {
            // SLF4J first, on this thread: when two threads log while it initialises, it prints a warning
            // about "replayed" calls on stderr.
            org.slf4j.LoggerFactory.getILoggerFactory();
            // The crypto warm-up runs while the command line is read; on a terminal, after the prompt.
            CryptoWarmUp.start();
        }
        if (shell != null) {
            return ShellLaunch.runShell(shell);
        }
        RequestCommand request = RequestArguments.parse(argv);
        if (request != null) {
            return request.runAsRead();
        }
        return CoapsCliCommand.commandLine(argv).execute(argv);
    }

    /**
     * Whether the command may shake hands: not when it only asks for help or the version, and not for a
     * plain coap:// one-shot, which would wait for nothing but pay the warm-up's CPU.
     */
    static boolean needsDtls(String[] argv) {
        for (String arg : argv) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")
                    || arg.startsWith("coap://")) {
                return false;
            }
        }
        return true;
    }
}
