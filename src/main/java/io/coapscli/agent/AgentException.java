package io.coapscli.agent;

import io.coapscli.dtls.CredentialException;

/**
 * An agent operation refused with an OpenThread error. A <em>reason</em> is printed with the error
 * wherever it is shown (the cause a number cannot tell: an unreadable file, a port in use); a
 * <em>detail</em> explains one of OpenThread's own error cases and is shown only on request (verbose
 * mode, JSON), so that OpenThread's lines stay exactly as a Thread device prints them.
 */
public final class AgentException extends Exception {
    private final OtError error;
    private final String detail;

    public AgentException(OtError error) {
        this(error, null);
    }

    public AgentException(OtError error, String reason) {
        this(error, reason, null);
    }

    private AgentException(OtError error, String reason, String detail) {
        super(reason == null ? error.otName() : reason, null, false, false);
        this.error = error;
        this.detail = detail;
    }

    /** An OpenThread error case, with why it happened for those who ask (verbose, JSON). */
    /** Credentials the DTLS layer refused: bad arguments, with its reason. */
    public static AgentException of(CredentialException refused) {
        return new AgentException(OtError.INVALID_ARGS, refused.getMessage());
    }

    public static AgentException detailed(OtError error, String detail) {
        return new AgentException(error, null, detail);
    }

    public OtError error() {
        return error;
    }

    /** A reason worth showing a user every time, or null when the error name says it all. */
    public String reason() {
        String message = getMessage();
        return message.equals(error.otName()) ? null : message;
    }

    /** Why an OpenThread error case happened, shown only on request; null when there is a reason or nothing to say. */
    public String detail() {
        return detail;
    }

    /** The reason, else the detail: everything known about the cause; null if nothing. */
    public String why() {
        String reason = reason();
        return reason != null ? reason : detail;
    }
}
