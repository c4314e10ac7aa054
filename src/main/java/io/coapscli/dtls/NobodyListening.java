package io.coapscli.dtls;

import java.net.InetSocketAddress;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.HandshakeException;

import io.coapscli.coap.PortProbe;

/** Ends a client handshake whose peer's host said, by ICMP, that no program listens at the port. */
final class NobodyListening extends HandshakeException {

    private static final long serialVersionUID = 1L;

    NobodyListening(InetSocketAddress peer) {
        // The alert goes to a closed port; Scandium needs one to end the handshake.
        super(PortProbe.nobodyListening(peer),
                new AlertMessage(AlertLevel.FATAL, AlertDescription.CLOSE_NOTIFY));
    }
}
