package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Property: whatever line is typed, it ends in exactly one result and the shell lives on. Seeded random
 * lines (subcommands, argument words, quotes, backslashes, any Unicode) go to one real shell process in
 * JSON mode; each result must name the line sent, so a missing or doubled result shows at once. The
 * process binds 127.0.0.1 only, and no line names an address other than a loopback one.
 */
class RandomCommandLinesIT {

    private static final long SEED = 20261126L;
    private static final int LINES = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "127.0.0.2", "0:0:0:0:0:0:0:1");
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[0-9A-Fa-f:.%]*[:.][0-9A-Fa-f:.%]*");
    private static final List<String> SUBCOMMANDS = List.of("connect", "delete", "disconnect", "get", "help",
            "isclosed", "isconnactive", "isconnected", "post", "psk", "put", "resource", "set", "start", "stop",
            "x509", "observe", "cancel", "rpk", "frobnicate", "");
    private static final List<String> HEADS = List.of("coaps", "help", "verbose", "wait 0", "coaps help", "#", "",
            "exit-not", "COAPS");
    private static final List<String> WORDS = List.of("con", "non-con", "true", "false", "0", "1", "65535", "65536",
            "-1", "-x", "00", "0g", "r", "a/b/c", "r?q=1&x", "/", "//", "\"\"", "\"", "\\", "\"a b\"", "#", "%s",
            "/dev/zero", "/nonexistent/x.pem", "/etc/hostname", "on", "off", "9999999999", "\u00e9\u4e2d\ud83d\ude00",
            "127.0.0.1", "::1", "5684", "1", ".well-known/core");

    @Test
    void everyRandomLineEndsInExactlyOneResultAndTheShellLivesOn() throws Exception {
        Random random = new Random(SEED);
        int sent = 0;
        try (ShellProcess shell = ShellProcess.launch("--bind", "127.0.0.1", "--port", "0", "--json",
                "--dtls-timeout", "10", "--ack-timeout", "10")) {
            while (sent < LINES) {
                String line = randomLine(random);
                if (!staysOnThisMachineAndReturns(line)) {
                    continue;
                }
                shell.send(line);
                sent++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    // Nothing is printed for these: the next result must be the next command's.
                    shell.send("coaps isclosed");
                    resultFor(shell, "coaps isclosed", line);
                } else {
                    resultFor(shell, line, line);
                }
            }
            shell.send("coaps isclosed");
            assertTrue(resultFor(shell, "coaps isclosed", "the last line").get("done").asBoolean());
            shell.send("exit");
            resultFor(shell, "exit", "exit");
            shell.awaitExit(0);
        }
        System.out.printf("random command lines: %d lines (seed %d), one result each; the process answered and "
                + "exited 0%n", sent, SEED);
    }

    /** Reads past output and event lines to the next result, which must be the one for {@code line}. */
    private static JsonNode resultFor(ShellProcess shell, String line, String sent) throws Exception {
        while (true) {
            JsonNode node = JSON.readTree(shell.nextLine());
            if ("result".equals(node.get("type").asText())) {
                if (!line.toLowerCase(Locale.ROOT).contains("psk")) { // psk lines come back masked
                    assertEquals(line, node.get("command").asText(), "the result after <" + sent + ">");
                }
                assertTrue(node.has("done") && node.has("line"), node.toString());
                return node;
            }
        }
    }

    private static String randomLine(Random random) {
        List<String> parts = new ArrayList<>();
        int head = random.nextInt(10);
        parts.add(head < 8 ? "coaps " + pick(random, SUBCOMMANDS) : head == 8 ? pick(random, HEADS) : noise(random, 20));
        for (int words = random.nextInt(6); words > 0; words--) {
            int kind = random.nextInt(4);
            parts.add(kind == 0 ? pick(random, WORDS) : kind == 1 ? pick(random, SUBCOMMANDS)
                    : kind == 2 ? noise(random, 40) : slashesAndQuotes(random));
        }
        return String.join(" ", parts);
    }

    /** Any Unicode code points (valid ones: a line travels as UTF-8), controls included. */
    private static String noise(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10ffff);
            if (Character.isValidCodePoint(codePoint) && !(codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** Long arguments of path and quoting characters, up to 300. */
    private static String slashesAndQuotes(Random random) {
        char[] alphabet = {'a', '/', '"', '\\', ' ', '?', '&', '='};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(301); i > 0; i--) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    private static String pick(Random random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One line, no exit or endless wait, and no address but loopback ones. */
    private static boolean staysOnThisMachineAndReturns(String line) {
        if (line.contains("\n") || line.contains("\r") || line.contains("\u0085") || line.contains("\u2028")
                || line.contains("\u2029")) {
            return false;
        }
        String[] tokens = line.strip().split("\\s+");
        if (tokens[0].equals("exit") || tokens[0].equals("wait")) {
            return line.strip().equals("wait 0");
        }
        for (String token : tokens) {
            String bare = token.replace("\"", "").replace("\\", "");
            if (ADDRESS_LIKE.matcher(bare).matches() && bare.matches(".*[0-9a-fA-F].*") && !LOOPBACK.contains(bare)) {
                return false;
            }
        }
        return true;
    }
}
