package io.coapscli.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.coapscli.agent.AgentException;
import io.coapscli.dtls.Credentials;
import io.coapscli.dtls.CredentialException;
import io.coapscli.dtls.X509Credentials;

/**
 * {@code coaps-cli bench}: a CoAPS load generator that ships with the product, for sizing a server or a
 * device, and the instrument of docs/PERFORMANCE.md. The summary goes to stdout (text or one JSON
 * object); progress lines, on a terminal, to stderr.
 */
public final class Bench {

    private Bench() {
    }

    /**
     * Runs the benchmark; returns the exit status: 0, 1 if it could not run or a request failed (unless
     * errors are allowed: a load test may expect some), 2 for unusable credentials.
     */
    static int run(BenchOptions options) {
        Credentials credentials;
        try {
            credentials = credentials(options);
        } catch (AgentException e) {
            System.err.println("coaps-cli bench: " + e.getMessage());
            return 2;
        }
        PrintStream progress = System.console() != null ? System.err : null;
        LoadGenerator load = new LoadGenerator(options, credentials, progress);
        try {
            load.run();
        } catch (Exception e) {
            System.err.println("coaps-cli bench: " + e.getMessage());
            return 1;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(options.json() ? BenchReport.json(options, load) : BenchReport.text(options, load));
        if (load.ok.get() == 0) {
            System.err.println("coaps-cli bench: no request succeeded");
            return 1;
        }
        if (load.errors() > 0 && !options.allowErrors()) {
            System.err.println("coaps-cli bench: " + load.errors() + " requests failed (--allow-errors accepts that)");
            return 1;
        }
        return 0;
    }

    private static Credentials credentials(BenchOptions options) throws AgentException {
        if (options.x509Files() == null) {
            return new Credentials.Psk(options.pskKey(), options.pskIdentity().getBytes(StandardCharsets.UTF_8));
        }
        if (options.x509Files().isEmpty()) {
            return X509Credentials.builtIn();
        }
        try {
            return X509Credentials.fromFiles(options.x509Files().get(0), options.x509Files().get(1),
                    options.x509Files().get(2));
        } catch (CredentialException e) {
            throw AgentException.of(e);
        }
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
