package io.coapscli.serve;

import java.util.List;
import java.util.Locale;

/**
 * A served file's CoAP Content-Format, from its name's extension (longest first, so that
 * {@code .senml.json} wins over {@code .json}), and the extension a POSTed body's format gets.
 */
final class ContentFormats {

    /** application/octet-stream, for any other name. */
    static final int OCTET_STREAM = 42;

    private record Extension(String suffix, int format) {
    }

    private static final List<Extension> EXTENSIONS = List.of(
            new Extension(".senml.json", 110),
            new Extension(".senml.cbor", 112),
            new Extension(".txt", 0),
            new Extension(".link", 40),
            new Extension(".xml", 41),
            new Extension(".json", 50),
            new Extension(".cbor", 60));

    private ContentFormats() {
    }

    static int ofName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Extension extension : EXTENSIONS) {
            if (lower.endsWith(extension.suffix())) {
                return extension.format();
            }
        }
        return OCTET_STREAM;
    }

    /** The extension for a body of this format ({@code .bin} for an unknown or missing one). */
    static String extensionFor(int format) {
        for (Extension extension : EXTENSIONS) {
            if (extension.format() == format) {
                return extension.suffix();
            }
        }
        return ".bin";
    }
}
