package io.coapscli.shell;

/**
 * Where the shell's lines go. Every line, whether a command's or an event's, goes through one instance,
 * whose monitor a command holds while it runs, so that no event line lands before the command's result.
 */
public interface Output {

    /** Prints one whole line; it may wait in a buffer until {@link #flush()}. */
    void line(String text);

    /** Writes out what is buffered. */
    default void flush() {
    }
}
