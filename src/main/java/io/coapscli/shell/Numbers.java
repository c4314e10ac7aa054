package io.coapscli.shell;

/** Strict decimal parsing for command arguments. */
final class Numbers {

    private Numbers() {
    }

    /** The value of a plain decimal number within [min, max], or -1 when the text is anything else. */
    static int decimal(String text, int min, int max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value < min || value > max ? -1 : (int) value;
    }
}
