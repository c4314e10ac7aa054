package io.coapscli.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * Hand-made CoAP messages (RFC 7252 section 3) for wire-level tests, and Californium's parser to read
 * what comes back.
 */
public final class CoapBytes {

    public static final int CON = 0;
    public static final int NON = 1;
    public static final int ACK = 2;
    public static final int RST = 3;

    public static final int EMPTY = 0x00;
    public static final int GET = 0x01;
    public static final int CHANGED = 0x44;
    public static final int CONTENT = 0x45;

    private static final int URI_PATH = 11;

    private CoapBytes() {
    }

    /** A message with Uri-Path options for the path's segments (each under 13 bytes) and a payload. */
    public static byte[] message(int type, int code, int mid, byte[] token, String path, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x40 | (type << 4) | token.length);
        out.write(code);
        out.write(mid >> 8);
        out.write(mid & 0xff);
        out.writeBytes(token);
        int delta = URI_PATH;
        for (String segment : path.isEmpty() ? new String[0] : path.split("/")) {
            byte[] value = segment.getBytes(StandardCharsets.UTF_8);
            out.write((delta << 4) | value.length);
            out.writeBytes(value);
            delta = 0;
        }
        if (!payload.isEmpty()) {
            out.write(0xff);
            out.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A message Californium builds from its object, for options {@link #message} cannot write. */
    public static byte[] serialize(Message message) {
        return new UdpDataSerializer().getByteArray(message);
    }

    public static Message parse(byte[] datagram) {
        return new UdpDataParser().parseMessage(datagram);
    }
}
