package io.coapscli;

/**
 * A command-line word that is an option, as the readers that work without picocli see it: {@code --name=value}
 * split at the first {@code =}; any other word is a name alone, whose value (if it takes one) is the next word.
 */
public record OptionWord(String name, String value) {

    public static OptionWord of(String word) {
        int equals = word.indexOf('=');
        return word.startsWith("--") && equals > 0
                ? new OptionWord(word.substring(0, equals), word.substring(equals + 1))
                : new OptionWord(word, null);
    }
}
