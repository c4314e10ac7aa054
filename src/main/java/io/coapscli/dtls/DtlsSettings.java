package io.coapscli.dtls;

import java.nio.file.Path;
import java.time.Duration;

import io.coapscli.coap.CoapSettings;

/**
 * A secure endpoint's settings: its CoAP ones, and DTLS's.
 *
 * @param retransmissionTimeout RFC 6347 section 4.2.4.1 initial retransmission timer (1 s), doubled per try
 * @param maxRetransmissions retransmissions of a handshake flight before the handshake fails (4)
 * @param connectionIdLength RFC 9146 Connection ID: null for none, 0 to use the peer's without asking for
 *            one, 1 to 16 to ask peers to send this many bytes
 * @param keyLog file to append each session's NSS key-log line to; null for none
 */
public record DtlsSettings(CoapSettings coap, Duration retransmissionTimeout, int maxRetransmissions,
        Integer connectionIdLength, Path keyLog) {
}
