package io.coapscli.agent;

import java.util.List;

import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;

/**
 * What a CoAP message looked like, for events: type (CON, NON, ACK, RST), code ("GET", "2.05"), options
 * as "Name: value" and the payload.
 */
public record CoapMessage(String type, String code, List<String> options, byte[] payload) {

    public CoapMessage {
        options = List.copyOf(options);
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    static CoapMessage of(Message message, String code) {
        List<String> options = message.getOptions().asSortedList().stream().map(Option::toString).toList();
        byte[] payload = message.getPayload();
        String type = message.getType() == null ? "unknown" : message.getType().name();
        return new CoapMessage(type, code, options, payload == null ? new byte[0] : payload);
    }
}
