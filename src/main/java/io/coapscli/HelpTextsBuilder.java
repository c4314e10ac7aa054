package io.coapscli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/** Renders the help texts {@link HelpTexts} keeps, at build time (pom.xml, phase process-classes). */
final class HelpTextsBuilder {

    /** What picocli uses when the output is no terminal. */
    private static final int WIDTH = 80;

    private HelpTextsBuilder() {
    }

    /** picocli's text for the command line's help, at the kept width. */
    static String render(String... argv) {
        CommandLine line = CoapsCliCommand.commandLine(argv);
        if (argv.length == 2) {
            line = line.getSubcommands().get(argv[0]);
        }
        line.setUsageHelpAutoWidth(false);
        line.setUsageHelpWidth(WIDTH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.usage(new PrintStream(out, true, StandardCharsets.UTF_8), CommandLine.Help.Ansi.OFF);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The build's step: writes every text into the given folder (the classes' {@code io/coapscli/help}). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("coaps-cli.txt"), render("--help"));
        for (String subcommand : HelpTexts.SUBCOMMANDS) {
            Files.writeString(folder.resolve(subcommand + ".txt"), render(subcommand, "--help"));
        }
    }
}
