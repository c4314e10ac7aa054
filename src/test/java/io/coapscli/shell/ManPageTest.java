package io.coapscli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.coapscli.agent.AgentSettings;
import io.coapscli.agent.CoapAgent;
import io.coapscli.agent.CoapsAgent;

/**
 * coaps-cli(1) and docs/CLI.md describe the same shell: every subcommand of the shell's table, every event
 * line and every result line of the reference is in the man page, so neither can grow without the other.
 */
class ManPageTest {

    private static final Path ROOT = Path.of(System.getProperty("coapscli.root", ".")).toAbsolutePath();
    private static final Pattern REFERENCE_HEADING = Pattern.compile("^### `coaps ([a-z0-9|]+)[^`]*`(?: / `coaps ([a-z]+)`)*",
            Pattern.MULTILINE);
    private static final Pattern MAN_ENTRY = Pattern.compile("^\\*coaps ([a-z0-9|]+)", Pattern.MULTILINE);

    private final String reference = read("docs/CLI.md");
    private final String manPage = read("src/man/coaps-cli.adoc");
    /** The man page as it reads, without AsciiDoc's bold and italics. */
    private final String manText = manPage.replace("*", "").replace("_", "");

    private static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> shellSubcommands() {
        try (CoapsAgent agent = new CoapsAgent(AgentSettings.defaults(), event -> { })) {
            Shell shell = new Shell(agent, new CoapAgent(AgentSettings.defaults(), event -> { }),
                new TextPresenter(new StreamOutput(System.out), () -> false), new AtomicBoolean());
            return shell.coapsNames();
        }
    }

    @Test
    void everySubcommandOfTheShellIsInTheReferenceAndTheManPage() {
        Set<String> inReference = new TreeSet<>();
        Matcher heading = REFERENCE_HEADING.matcher(reference);
        while (heading.find()) {
            inReference.addAll(List.of(heading.group(1).split("\\|")));
        }
        // The isclosed / isconnactive / isconnected heading names three.
        Matcher alternatives = Pattern.compile("`coaps (is[a-z]+)`").matcher(reference);
        while (alternatives.find()) {
            inReference.add(alternatives.group(1));
        }
        // The terms of the Shell commands section's definition list: its lines that end in "::".
        String shellSection = String.join("\n", manPage.substring(manPage.indexOf("\n== Shell commands\n"),
                manPage.indexOf("\n== Result lines\n")).lines().filter(line -> line.endsWith("::")).toList());
        Set<String> inManPage = new TreeSet<>();
        Matcher entry = MAN_ENTRY.matcher(shellSection);
        while (entry.find()) {
            inManPage.addAll(List.of(entry.group(1).split("\\|")));
        }
        Matcher more = Pattern.compile("\\*coaps ([a-z]+)\\*").matcher(shellSection);
        while (more.find()) {
            inManPage.add(more.group(1));
        }
        inManPage.remove("help"); // coaps help is the shell's own, not a table entry
        Set<String> shell = new TreeSet<>(shellSubcommands());
        assertTrue(inReference.containsAll(shell), "in the shell, not in docs/CLI.md: " + minus(shell, inReference));
        assertTrue(inManPage.containsAll(shell), "in the shell, not in the man page: " + minus(shell, inManPage));
        assertTrue(shell.containsAll(inManPage), "in the man page, not in the shell: " + minus(inManPage, shell));
    }

    @Test
    void everyEventLineOfTheReferenceIsInTheManPage() {
        List<String> lines = backticked(section("## Event lines"), false);
        assertTrue(lines.size() >= 12, "the reference's event table: " + lines);
        for (String line : lines) {
            assertTrue(manText.contains(line), "event line <" + line + "> is not in the man page");
        }
    }

    @Test
    void everyResultLineOfTheReferenceIsInTheManPage() {
        List<String> lines = backticked(section("### Result lines"), true);
        assertEquals(8, lines.size(), "the reference's result table: " + lines);
        for (String line : lines) {
            assertTrue(manText.contains(line), "result line <" + line + "> is not in the man page");
        }
    }

    @Test
    void theManPageHasTheSectionsOfAReferencePage() {
        for (String section : List.of("== Synopsis", "== Shell commands", "== Event lines", "== Exit status", "== Files",
                "== Environment", "== Examples", "== See also")) {
            assertTrue(manPage.contains("\n" + section + "\n"), section);
        }
        assertTrue(manPage.contains("SSLKEYLOGFILE") && manPage.contains("~/.coaps-cli_history"));
    }

    /** The text of a section of docs/CLI.md, up to the next heading of any level. */
    private String section(String heading) {
        int start = reference.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, heading);
        int end = reference.indexOf("\n#", start + heading.length() + 2);
        return reference.substring(start, end < 0 ? reference.length() : end);
    }

    /** The first backticked text of each table row's first or last cell ({@code | ... | `line` ... |}). */
    private static List<String> backticked(String table, boolean firstCell) {
        return table.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| event") && !line.startsWith("| line"))
                .map(line -> firstCell ? line.substring(0, line.indexOf(" |", 2))
                        : line.substring(line.lastIndexOf("| ", line.length() - 2)))
                .map(cell -> {
                    Matcher code = Pattern.compile("`([^`]+)`").matcher(cell);
                    return code.find() ? code.group(1) : null;
                })
                .filter(line -> line != null).toList();
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> left = new TreeSet<>(a);
        left.removeAll(b);
        return left;
    }
}
