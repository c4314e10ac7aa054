package io.coapscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build generates for installing: the bash completion (run here as bash runs it on Tab), the man
 * pages, and the archive with its launcher, completion, man pages and licence notices.
 */
class DistributionIT {

    private static final Path TARGET = ShellProcess.root().resolve("target");

    @Test
    void bashCompletesOptionsSubcommandsAndTheirOptions() throws Exception {
        Path script = TARGET.resolve("coaps-cli.bash");
        assertEquals(List.of("--port"), complete(script, "coaps-cli", "--p"));
        assertTrue(complete(script, "coaps-cli", "--").containsAll(List.of("--keylog", "--cid", "--json", "--help")));
        assertEquals(List.of("get"), complete(script, "coaps-cli", "ge"));
        assertEquals(List.of("--psk", "--psk-hex"), complete(script, "coaps-cli", "get", "--ps"));
        assertEquals(List.of("--sessions"), complete(script, "coaps-cli", "bench", "--se"));
    }

    @Test
    void bashCompletesFileNamesWhereAFileGoesAndTheLogLevels(@TempDir Path dir) throws Exception {
        Path script = TARGET.resolve("coaps-cli.bash");
        Files.writeString(dir.resolve("payload.cbor"), "");
        Files.writeString(dir.resolve("setup.script"), "");
        assertEquals(List.of("payload.cbor"), complete(dir, script, "coaps-cli", "put", "coaps://[::1]/r", "-f", "pay"));
        assertEquals(List.of("payload.cbor"), complete(dir, script, "coaps-cli", "get", "coaps://[::1]/r", "-o", "pay"));
        assertEquals(List.of("setup.script"), complete(dir, script, "coaps-cli", "--script", "set"));
        assertEquals(List.of("debug"), complete(dir, script, "coaps-cli", "--log-level", "d"));
        assertEquals(List.of("trace"), complete(dir, script, "coaps-cli", "get", "--log-level", "t"));
    }

    @Test
    void theManPageIsAReferenceForTheShellToo() throws Exception {
        String page = Files.readString(TARGET.resolve("man/coaps-cli.1"));
        for (String section : List.of("SYNOPSIS", "SHELL COMMANDS", "RESULT LINES", "EVENT LINES", "EXIT STATUS", "FILES",
                "ENVIRONMENT", "EXAMPLES", "SEE ALSO")) {
            assertTrue(page.contains(".SH \"" + section + "\""), section);
        }
        // One synopsis line each, and -c with its value, not "-c, COMMAND".
        assertTrue(page.contains("coaps\\-cli\\fP [\\fIoptions\\fP]\n.br"), page);
        assertTrue(page.contains("\\fB\\-c\\fP, \\fB\\-\\-command\\fP=\\fICOMMAND\\fP"), page);
    }

    @Test
    void theManPagesAreTroffWithTheVersionTheMainOptionsAndAPageForEachSubcommand() throws Exception {
        String page = Files.readString(TARGET.resolve("man/coaps-cli.1"));
        assertTrue(page.contains(".TH \"COAPS\\-CLI\" \"1\""), page.lines().limit(10).toList().toString());
        assertTrue(!page.contains("development build"), "the man page names the version");
        for (String option : List.of("--port", "--keylog", "--cid", "--json", "--script")) {
            assertTrue(page.contains(option.replace("-", "\\-")), option);
        }
        for (String subcommand : List.of("get", "put", "post", "delete", "observe", "bench")) {
            assertTrue(Files.exists(TARGET.resolve("man/coaps-cli-" + subcommand + ".1")), subcommand);
        }
    }

    @Test
    void theArchiveRunsFromAnywhereAndCarriesEveryLicence(@TempDir Path dir) throws Exception {
        Path archive;
        try (Stream<Path> files = Files.list(TARGET)) {
            archive = files.filter(file -> file.getFileName().toString().endsWith("-dist.tar.gz")).findFirst().orElseThrow();
        }
        assertEquals(0, run(dir, "tar", "xzf", archive.toString()).exitCode);
        Path home;
        try (Stream<Path> unpacked = Files.list(dir)) {
            home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        for (String file : List.of("bin/coaps-cli", "lib/coaps-cli.jar", "completion/coaps-cli.bash",
                "completion/_coaps-cli", "man/man1/coaps-cli.1", "docs/CLI.md", "README.md", "licenses/THIRD-PARTY.txt",
                "licenses/californium-core-jar/META-INF/legal/LICENSE",
                "licenses/californium-core-jar/META-INF/legal/3rd-party/APACHE-LICENSE-2.0.txt",
                "licenses/slf4j-api-jar/META-INF/LICENSE.txt")) {
            assertTrue(Files.exists(home.resolve(file)), file);
        }
        String thirdParty = Files.readString(home.resolve("licenses/THIRD-PARTY.txt"));
        for (String dependency : List.of("californium-core", "scandium", "element-connector", "jline", "picocli",
                "slf4j-api", "slf4j-simple", "jackson-core")) {
            assertTrue(thirdParty.contains(":" + dependency + ":"), dependency + " in " + thirdParty);
        }
        Result version = run(dir, home.resolve("bin/coaps-cli").toString(), "--version");
        assertEquals(0, version.exitCode, version.output);
        assertTrue(version.output.startsWith("coaps-cli "), version.output);
    }

    private static List<String> complete(Path script, String... words) throws Exception {
        return complete(null, script, words);
    }

    private static List<String> complete(Path dir, Path script, String... words) throws Exception {
        String bash = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_coaps-cli 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Result result = run(dir, "bash", "-c", bash);
        return result.output.lines().filter(line -> !line.isBlank()).map(String::trim).sorted().toList();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(process.exitValue(), output);
    }
}
