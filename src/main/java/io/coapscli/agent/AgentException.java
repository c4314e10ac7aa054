package io.coapscli.agent;

/** An agent operation refused with an OpenThread error; the message, if any, says why in words. */
public final class AgentException extends Exception {
    private final OtError error;

    public AgentException(OtError error) {
        this(error, null);
    }

    public AgentException(OtError error, String reason) {
        super(reason == null ? error.otName() : reason, null, false, false);
        this.error = error;
    }

    public OtError error() {
        return error;
    }

    /** A reason worth showing a user, or null when the error name says it all. */
    public String reason() {
        String message = getMessage();
        return message.equals(error.otName()) ? null : message;
    }
}
