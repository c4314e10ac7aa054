package io.coapscli.dtls;

/** Credentials that cannot be used: a file that cannot be read, a PEM without the key it should hold. */
public final class CredentialException extends Exception {

    private static final long serialVersionUID = 1L;

    public CredentialException(String message) {
        super(message);
    }
}
