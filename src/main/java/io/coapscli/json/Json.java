package io.coapscli.json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A JSON object for one {@code --json} line: fields in the order they are put, nested objects and lists,
 * written on one line by jackson-core's streaming generator (escaping and number formats are Jackson's).
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final List<Map.Entry<String, Object>> fields = new ArrayList<>();

    /** A value written as JSON's {@code null}, where a field is always there but may have nothing. */
    public static final Object NULL = new Object();

    /** A value that is already a JSON text (a decoded payload), written as it is. */
    public record Raw(String json) {
    }

    public static Json object() {
        return new Json();
    }

    /** Adds a field; a null value leaves it out. Values: strings, numbers, booleans, {@link Json}, lists of those. */
    public Json put(String key, Object value) {
        if (value != null) {
            fields.add(Map.entry(key, value));
        }
        return this;
    }

    @Override
    public String toString() {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private void write(JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, Object> field : fields) {
            generator.writeFieldName(field.getKey());
            value(generator, field.getValue());
        }
        generator.writeEndObject();
    }

    private static void value(JsonGenerator generator, Object value) throws IOException {
        if (value == NULL) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Number number) {
            generator.writeNumber(number.toString());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Raw raw) {
            generator.writeRawValue(raw.json());
        } else if (value instanceof Json json) {
            json.write(generator);
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                value(generator, element);
            }
            generator.writeEndArray();
        } else {
            generator.writeString(String.valueOf(value));
        }
    }
}
