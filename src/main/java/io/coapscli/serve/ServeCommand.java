package io.coapscli.serve;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.coapscli.CommandLineValues;
import io.coapscli.CredentialOptions;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code coaps-cli serve DIR}: a CoAPS server of a directory's files, scripted by {@code DIR/.coaps.json}. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = CommandLineValues.Version.class,
        description = {"Serve a directory's files as CoAPS resources, scripted by DIR/.coaps.json.",
            "", "Every file under DIR is a resource (Content-Format from its extension, listed in /.well-known/core, "
            + "observable: a changed file notifies), with the codes, delays, drops and periodic notifications "
            + "DIR/.coaps.json asks for, and one JSON line on standard output for every request."},
        footer = {"", "Runs until SIGINT or SIGTERM, which end every session with close_notify; exit status 0. "
            + "Status 1 when the server cannot start (port in use, unreadable credentials, a bad .coaps.json), "
            + "2 for a usage error. Reference: docs/CLI.md, \"serve\"."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory to serve")
    Path directory;

    /** Exactly one kind of credentials. */
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Credentials (one of):%n")
    CredentialOptions.Choice credentials;

    @Mixin
    CredentialOptions.Details credentialDetails;

    @Option(order = 9, names = "--port", paramLabel = "N", description = "UDP port (default 5684; 0 picks a free one)")
    int port = 5684;

    @Option(order = 10, names = "--bind", paramLabel = "ADDR", description = "local address (default: all, IPv6 and IPv4)")
    String bind;

    @Option(order = 11, names = "--writable", description = "accept PUT (create or replace a file), POST to a folder "
            + "(create a file) and DELETE (remove a file), inside DIR only")
    boolean writable;

    @Option(order = 12, names = "--log-requests", paramLabel = "FILE", description = "write the JSON lines to FILE "
            + "instead of standard output")
    Path requestLog;

    @Option(order = 13, names = "--idle-timeout", paramLabel = "S", description = "end a session idle for S seconds "
            + "with close_notify (default 300; 0: never)")
    int idleTimeoutSeconds = 300;

    @Option(order = 14, names = "--cid", paramLabel = "N", description = "ask clients for Connection IDs (RFC 9146) of N "
            + "bytes, 1 to 16")
    Integer cid;

    @Option(order = 15, names = "--keylog", paramLabel = "FILE", description = "append each session's secret to FILE (NSS "
            + "key log) for Wireshark. ANYONE WITH THE FILE READS THE TRAFFIC.")
    Path keyLog;

    @Option(order = 16, names = "--ack-timeout", paramLabel = "MS", description = "CoAP ACK_TIMEOUT for confirmable "
            + "notifications and separate responses (default 2000)")
    int ackTimeoutMs = 2000;

    @Option(order = 17, names = "--dtls-timeout", paramLabel = "MS", description = "initial DTLS retransmission timeout "
            + "(default 1000)")
    int dtlsTimeoutMs = 1000;

    // Read before picocli runs, by EarlyLogging; declared so that picocli accepts and lists it.
    @Option(order = 18, names = "--log-level", paramLabel = "LEVEL", completionCandidates = CommandLineValues.LogLevels.class,
            description = "error, warn, info, debug, trace or off; logs go to stderr (default error)")
    String logLevel = "error";

    @Override
    public Integer call() {
        try {
            return FileServer.runUntilSignalled(ServeSettings.of(this));
        } catch (ServeSettings.UsageError e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
