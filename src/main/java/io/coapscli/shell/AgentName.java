package io.coapscli.shell;

/** The two agents of OpenThread's CLI, by the word their commands and lines begin with. */
public enum AgentName {
    /** Secure CoAP: {@code coaps ...}. */
    COAPS("coaps"),
    /** Plain CoAP: {@code coap ...}. */
    COAP("coap");

    private final String word;

    AgentName(String word) {
        this.word = word;
    }

    /** {@code coaps} or {@code coap}. */
    public String word() {
        return word;
    }
}
