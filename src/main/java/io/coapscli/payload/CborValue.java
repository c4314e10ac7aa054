package io.coapscli.payload;

import java.math.BigInteger;
import java.util.List;

/** A CBOR data item (RFC 8949), as read by {@link CborReader}: enough to show it as JSON or in diagnostic notation. */
sealed interface CborValue {

    record Text(String value) implements CborValue {
    }

    record Integer(BigInteger value) implements CborValue {
    }

    record Floating(double value) implements CborValue {
    }

    record Bool(boolean value) implements CborValue {
    }

    record Null() implements CborValue {
    }

    record Bytes(byte[] value) implements CborValue {
    }

    record Array(List<CborValue> items) implements CborValue {
    }

    /** A map; its keys may be of any type (SenML-CBOR's are integers). */
    record Map(List<Entry> entries) implements CborValue {
    }

    record Entry(CborValue key, CborValue value) {
    }

    record Tagged(long tag, CborValue value) implements CborValue {
    }

    /** Whether JSON can show it unchanged: text keys only, no bytes, no tags, finite numbers. */
    static boolean isJson(CborValue value) {
        if (value instanceof Bytes || value instanceof Tagged) {
            return false;
        }
        if (value instanceof Floating floating) {
            return Double.isFinite(floating.value());
        }
        if (value instanceof Array array) {
            return array.items().stream().allMatch(CborValue::isJson);
        }
        if (value instanceof Map map) {
            return map.entries().stream().allMatch(entry -> entry.key() instanceof Text && isJson(entry.value()));
        }
        return true;
    }
}
