package io.coapscli.oneshot;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.eclipse.californium.core.coap.CoAP.Code;

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

/**
 * {@code coaps-cli get|put|post|delete|observe <coaps-uri> [payload]}: one request, in the habits of
 * libcoap's coap-client and curl. The payload goes raw to standard output; the exit status is 0 for a
 * 2.xx response, 1 for anything else, 2 for a usage error.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = CommandLineValues.Version.class,
        footer = {"", "Exit status: 0 for a 2.xx response, 1 otherwise (4.xx, 5.xx, timeout, failed handshake), "
            + "2 for a usage error."})
public abstract class RequestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The subcommand's name, as its {@code @Command} gives it, and the method it sends. */
    private final String name;
    private final Code method;

    RequestCommand(String name, Code method) {
        this.name = name;
        this.method = method;
    }

    @Parameters(index = "0", paramLabel = "URI", description = "coaps://host[:port]/path[?query], or coap:// for "
            + "plain CoAP (no DTLS, no credentials); an IPv6 literal in brackets, a host name is resolved; port 5684 "
            + "(coaps) or 5683 (coap) by default")
    String uri;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PAYLOAD", description = "the request payload (UTF-8)")
    String payload;

    /** One of them for a coaps:// URI; none for coap://. */
    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Credentials (one of, for coaps://):%n")
    CredentialOptions.Choice credentials;

    @Mixin
    CredentialOptions.Details credentialDetails;

    @Option(order = 9, names = "--insecure", description = "accept any server certificate or raw public key")
    boolean insecure;

    @Option(order = 10, names = "--non", description = "non-confirmable request (default confirmable)")
    boolean nonConfirmable;

    @Option(order = 11, names = "--accept", paramLabel = "N", description = "Accept: the Content-Format asked for (e.g. 0, 50)")
    Integer accept;

    @Option(order = 12, names = "--content-format", paramLabel = "N", description = "Content-Format of the payload")
    Integer contentFormat;

    @Option(order = 13, names = {"-f", "--file"}, paramLabel = "FILE", description = "read the payload from FILE ('-': standard "
            + "input)")
    Path payloadFile;

    @Option(order = 14, names = {"-o", "--output"}, paramLabel = "FILE", description = "write the response payload to FILE instead of "
            + "standard output")
    Path output;

    @Option(order = 15, names = "--json", description = "print the response as one JSON object (as the shell's --json does)")
    boolean json;

    @Option(order = 16, names = "--pretty", description = "show the payload as its Content-Format reads: JSON and SenML "
            + "indented, CBOR as JSON or diagnostic notation, link format one link a line (the default on a terminal; "
            + "raw bytes otherwise, and always with -o)")
    boolean pretty;

    @Option(order = 17, names = "--verbose", description = "print the code, the session and timing on standard error")
    boolean verbose;

    @Option(order = 18, names = "--ack-timeout", paramLabel = "MS", description = "CoAP ACK_TIMEOUT (default 2000: a "
            + "request gives up after 93 s)")
    int ackTimeoutMs = 2000;

    @Option(order = 19, names = "--dtls-timeout", paramLabel = "MS", description = "initial DTLS retransmission timeout, "
            + "doubled for each of 4 retransmissions (default 1000: a handshake gives up after 31 s)")
    int dtlsTimeoutMs = 1000;

    @Option(order = 20, names = "--keylog", paramLabel = "FILE", description = "append the session's secret to FILE (NSS key "
            + "log) for Wireshark; default $SSLKEYLOGFILE. ANYONE WITH THE FILE READS THE TRAFFIC.")
    Path keyLog;

    // Read before picocli runs, by EarlyLogging (the logger is set up before the crypto warm-up); declared here so
    // that picocli accepts it and lists it.
    @Option(order = 21, names = "--log-level", paramLabel = "LEVEL", completionCandidates = CommandLineValues.LogLevels.class,
            description = "error, warn, info, debug, trace or off "
            + "(default error)")
    String logLevel = "error";

    /** The method its name says: get, put, post or delete; observe registers with a GET. */
    Code method() {
        return method;
    }

    String name() {
        return name;
    }

    boolean observe() {
        return false;
    }

    /** How long an observation lasts; null for until interrupted. */
    Integer observeSeconds() {
        return null;
    }

    @Override
    public Integer call() {
        try {
            return new OneShot(this).run();
        } catch (OneShot.UsageError e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The request, for a command line {@link RequestArguments} read: a usage error said as picocli's handler says it. */
    public int runAsRead() {
        try {
            return new OneShot(this).run();
        } catch (OneShot.UsageError e) {
            return CommandLineValues.usageError("coaps-cli " + name, e.getMessage());
        }
    }

    @Command(name = "get", description = "GET the resource and print its payload.")
    public static final class Get extends RequestCommand {
        public Get() {
            super("get", Code.GET);
        }
    }

    @Command(name = "put", description = "PUT the payload to the resource.")
    public static final class Put extends RequestCommand {
        public Put() {
            super("put", Code.PUT);
        }
    }

    @Command(name = "post", description = "POST the payload to the resource.")
    public static final class Post extends RequestCommand {
        public Post() {
            super("post", Code.POST);
        }
    }

    @Command(name = "delete", description = "DELETE the resource.")
    public static final class Delete extends RequestCommand {
        public Delete() {
            super("delete", Code.DELETE);
        }
    }

    @Command(name = "observe", description = "Observe the resource (RFC 7641): print each notification's payload, "
            + "one per line, until --duration ends or SIGINT/SIGTERM; then deregister.")
    public static final class Observe extends RequestCommand {
        public Observe() {
            super("observe", Code.GET);
        }

        @Option(order = 22, names = "--duration", paramLabel = "S", description = "observe for S seconds (default: until "
                + "interrupted)")
        Integer duration;

        @Override
        boolean observe() {
            return true;
        }

        @Override
        Integer observeSeconds() {
            return duration;
        }
    }
}
