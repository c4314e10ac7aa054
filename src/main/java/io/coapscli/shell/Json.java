package io.coapscli.shell;

import java.util.List;

/** A JSON object written on one line; just enough JSON for the shell's {@code --json} lines. */
final class Json {

    private final StringBuilder text = new StringBuilder("{");

    static Json object() {
        return new Json();
    }

    Json put(String key, Object value) {
        if (value == null) {
            return this;
        }
        if (text.length() > 1) {
            text.append(',');
        }
        string(key);
        text.append(':');
        value(value);
        return this;
    }

    private void value(Object value) {
        if (value instanceof String s) {
            string(s);
        } else if (value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else if (value instanceof Json json) {
            text.append(json);
        } else if (value instanceof List<?> list) {
            text.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                value(list.get(i));
            }
            text.append(']');
        } else {
            string(String.valueOf(value));
        }
    }

    private void string(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
