package io.coapscli;

import io.coapscli.dtls.CryptoWarmUp;

/**
 * Entry point: logging and the crypto warm-up first, then the command line decides: the shell
 * ({@link ShellLaunch}), a one-shot request, or the benchmark.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        // The crypto warm-up runs while picocli reads the command line (about 100 ms each).
        EarlyLogging.configure(argv);
        CryptoWarmUp.start();
        return CoapsCliCommand.commandLine(argv).execute(argv);
    }
}
