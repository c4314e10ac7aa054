package io.coapscli.payload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

/**
 * Reads one CBOR data item with jackson-dataformat-cbor's parser into {@link CborValue}s. Jackson turns
 * integer map keys into text; the key's first byte (its major type) tells which they were.
 */
final class CborReader {

    private static final CBORFactory FACTORY = new CBORFactory();
    /** Deeper nesting is refused: a payload is at most 64 KiB, but its recursion should not be. */
    private static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final CBORParser parser;

    private CborReader(byte[] bytes) throws IOException {
        this.bytes = bytes;
        this.parser = (CBORParser) FACTORY.createParser(bytes);
    }

    /** The one item the bytes hold; an IOException when they are not exactly one well-formed item. */
    static CborValue read(byte[] bytes) throws IOException {
        CborReader reader = new CborReader(bytes);
        try (CBORParser parser = reader.parser) {
            if (parser.nextToken() == null) {
                throw new IOException("no CBOR data item");
            }
            CborValue value = reader.value(0);
            if (parser.nextToken() != null) {
                throw new IOException("more than one CBOR data item");
            }
            return value;
        }
    }

    private CborValue value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("nested deeper than " + MAX_DEPTH);
        }
        int tag = parser.getCurrentTag();
        CborValue value = untagged(depth);
        return tag >= 0 ? new CborValue.Tagged(tag, value) : value;
    }

    private CborValue untagged(int depth) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_ARRAY -> {
                List<CborValue> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(depth + 1));
                }
                return new CborValue.Array(items);
            }
            case START_OBJECT -> {
                List<CborValue.Entry> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    CborValue key = key();
                    parser.nextToken();
                    entries.add(new CborValue.Entry(key, value(depth + 1)));
                }
                return new CborValue.Map(entries);
            }
            case VALUE_STRING -> {
                return new CborValue.Text(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new CborValue.Integer(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new CborValue.Floating(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new CborValue.Bool(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return new CborValue.Null();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return new CborValue.Bytes(parser.getBinaryValue());
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    /** A map key: an integer when its first byte's major type says so (0 unsigned, 1 negative), else text. */
    private CborValue key() throws IOException {
        long offset = parser.currentTokenLocation().getByteOffset();
        String name = parser.currentName();
        if (offset >= 0 && offset < bytes.length) {
            int majorType = (bytes[(int) offset] & 0xff) >> 5;
            if (majorType == 0 || majorType == 1) {
                return new CborValue.Integer(new java.math.BigInteger(name));
            }
        }
        return new CborValue.Text(name);
    }
}
