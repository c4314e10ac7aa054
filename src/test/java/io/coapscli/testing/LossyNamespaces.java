package io.coapscli.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Two hosts on one machine: network namespaces of the test's own, joined by a veth pair, each dropping a
 * share of what it receives with an nftables rule (the kernel here has no netem; nftables drops at random in
 * the real stack). Needs root, iproute2 and nftables: skipped without them, except under CI=true, where
 * that fails. Addresses are in 10.231.0.0/24, inside the namespaces only.
 */
public final class LossyNamespaces implements AutoCloseable {

    public static final String SERVER_ADDRESS = "10.231.0.1";
    public static final String CLIENT_ADDRESS = "10.231.0.2";

    private final String server;
    private final String client;

    private LossyNamespaces(String server, String client) {
        this.server = server;
        this.client = client;
    }

    /** @param lossPercent datagrams each side drops of what it receives, 0 to 100 */
    public static LossyNamespaces create(int lossPercent) throws IOException, InterruptedException {
        RequiredProgram.require("ip", "iproute2");
        RequiredProgram.require("nft", "nftables");
        String suffix = Long.toString(ProcessHandle.current().pid());
        LossyNamespaces link = new LossyNamespaces("coaps-s-" + suffix, "coaps-c-" + suffix);
        String serverSide = "cs" + suffix;
        String clientSide = "cc" + suffix;
        try {
            run("ip", "netns", "add", link.server);
            run("ip", "netns", "add", link.client);
            run("ip", "link", "add", serverSide, "type", "veth", "peer", "name", clientSide);
            run("ip", "link", "set", serverSide, "netns", link.server);
            run("ip", "link", "set", clientSide, "netns", link.client);
            link.setUp(link.server, serverSide, SERVER_ADDRESS, lossPercent);
            link.setUp(link.client, clientSide, CLIENT_ADDRESS, lossPercent);
        } catch (IOException | AssertionError e) {
            link.close();
            String reason = "network namespaces with nftables are not available here: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + "; CI must run this test");
            }
            Assumptions.abort(reason);
        }
        return link;
    }

    private void setUp(String namespace, String device, String address, int lossPercent)
            throws IOException, InterruptedException {
        run("ip", "-n", namespace, "addr", "add", address + "/24", "dev", device);
        run("ip", "-n", namespace, "link", "set", device, "up");
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        run("ip", "netns", "exec", namespace, "nft", "add", "table", "inet", "lossy");
        // Dropped on the way in: a drop on the way out would make the sender's sendto fail with EPERM,
        // which no lossy link does.
        run("ip", "netns", "exec", namespace, "nft", "add", "chain", "inet", "lossy", "in",
                "{ type filter hook input priority 0; }");
        run("ip", "netns", "exec", namespace, "nft", "add", "rule", "inet", "lossy", "in", "iifname", device,
                "meta", "l4proto", "udp", "numgen", "random", "mod", "100", "<", String.valueOf(lossPercent), "counter",
                "drop");
    }

    public String serverNamespace() {
        return server;
    }

    public String clientNamespace() {
        return client;
    }

    /** Datagrams the nftables rule of each side dropped so far: server side, client side. */
    public List<Long> dropped() throws IOException, InterruptedException {
        List<Long> counts = new ArrayList<>();
        for (String namespace : List.of(server, client)) {
            java.util.regex.Matcher counter = java.util.regex.Pattern.compile("counter packets (\\d+)")
                    .matcher(run("ip", "netns", "exec", namespace, "nft", "list", "ruleset"));
            counts.add(counter.find() ? Long.parseLong(counter.group(1)) : -1);
        }
        return counts;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output.strip());
        }
        return output;
    }

    @Override
    public void close() {
        for (String namespace : List.of(server, client)) {
            try {
                run("ip", "netns", "del", namespace); // takes its end of the veth pair, and the pair, along
            } catch (IOException | InterruptedException e) {
                // not created, or already gone
            }
        }
    }
}
