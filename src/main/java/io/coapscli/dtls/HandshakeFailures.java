package io.coapscli.dtls;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;

/** Why a handshake failed, in words a user can act on: the alert and its direction, or the flight that timed out. */
final class HandshakeFailures {

    private static final String RECEIVED_PREFIX = "Received '";

    private HandshakeFailures() {
    }

    static String describe(Throwable error) {
        if (error instanceof DtlsHandshakeTimeoutException) {
            return "timed out: " + message(error);
        }
        if (error instanceof HandshakeException handshake && handshake.getAlert() != null) {
            AlertMessage alert = handshake.getAlert();
            String alertText = alert.getLevel().name().toLowerCase() + " alert " + alert.getDescription().name();
            String message = message(error);
            if (message.startsWith(RECEIVED_PREFIX)) {
                return alertText + " received from the peer" + hint(alert);
            }
            return message + causeOf(error) + " (" + alertText + " sent)";
        }
        return message(error) + causeOf(error);
    }

    /** The usual meaning of an alert a peer sends, where it has one. */
    private static String hint(AlertMessage alert) {
        return switch (alert.getDescription()) {
            case DECRYPT_ERROR, BAD_RECORD_MAC -> ": wrong PSK?";
            case UNKNOWN_PSK_IDENTITY -> ": the peer does not know our PSK identity";
            case HANDSHAKE_FAILURE, INSUFFICIENT_SECURITY -> ": no common cipher suite or parameters?";
            case BAD_CERTIFICATE, UNKNOWN_CA, CERTIFICATE_UNKNOWN, UNSUPPORTED_CERTIFICATE, CERTIFICATE_EXPIRED,
                    CERTIFICATE_REVOKED -> ": the peer rejected our certificate";
            case CLOSE_NOTIFY -> ": the peer closed during the handshake";
            default -> "";
        };
    }

    private static String causeOf(Throwable error) {
        Throwable cause = error.getCause();
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage().trim();
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message.trim();
    }
}
