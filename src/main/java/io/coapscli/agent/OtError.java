package io.coapscli.agent;

/**
 * Result codes with OpenThread's numbering and names ({@code otError}), so that a result line reads
 * exactly as on a Thread device: {@code Error 7: InvalidArgs}.
 */
public enum OtError {
    NONE(0, "None"),
    FAILED(1, "Failed"),
    NO_BUFS(3, "NoBufs"),
    PARSE(6, "Parse"),
    INVALID_ARGS(7, "InvalidArgs"),
    ABORT(11, "Abort"),
    INVALID_STATE(13, "InvalidState"),
    ALREADY(24, "Already"),
    RESPONSE_TIMEOUT(28, "ResponseTimeout"),
    INVALID_COMMAND(35, "InvalidCommand");

    private final int number;
    private final String otName;

    OtError(int number, String otName) {
        this.number = number;
        this.otName = otName;
    }

    public int number() {
        return number;
    }

    /** OpenThread's name, as printed after the number. */
    public String otName() {
        return otName;
    }
}
