package io.coapscli.payload;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Bytes as text only when they are well-formed UTF-8: a payload shown as text must be exactly its bytes. */
public final class Utf8 {

    private Utf8() {
    }

    /** The text, or empty for bytes that are not well-formed UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The text when it is UTF-8 with no control characters but line breaks and tabs (printable); else empty. */
    public static Optional<String> printable(byte[] bytes) {
        return decode(bytes).filter(text -> text.chars()
                .allMatch(c -> c >= 0x20 && c != 0x7f || c == '\n' || c == '\r' || c == '\t'));
    }
}
