package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal JSON reader for the spec test command files (objects, arrays, strings, numbers). */
final class Json {
    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipWhitespace();
        if (json.position != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + json.position);
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw new IllegalArgumentException("unexpected token at " + position);
        }
        position += word.length();
        return value;
    }

    private Map<String, Object> object() {
        Map<String, Object> result = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (text.charAt(position) == '}') {
            position++;
            return result;
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            result.put(key, value());
            skipWhitespace();
            if (text.charAt(position) == ',') {
                position++;
                continue;
            }
            expect('}');
            return result;
        }
    }

    private List<Object> array() {
        List<Object> result = new ArrayList<>();
        position++;
        skipWhitespace();
        if (text.charAt(position) == ']') {
            position++;
            return result;
        }
        while (true) {
            result.add(value());
            skipWhitespace();
            if (text.charAt(position) == ',') {
                position++;
                continue;
            }
            expect(']');
            return result;
        }
    }

    private String string() {
        expect('"');
        StringBuilder result = new StringBuilder();
        while (true) {
            char c = text.charAt(position++);
            if (c == '"') {
                return result.toString();
            }
            if (c == '\\') {
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case 'n':
                        result.append('\n');
                        break;
                    case 't':
                        result.append('\t');
                        break;
                    case 'r':
                        result.append('\r');
                        break;
                    case 'b':
                        result.append('\b');
                        break;
                    case 'f':
                        result.append('\f');
                        break;
                    case 'u':
                        result.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                        break;
                    default:
                        result.append(escaped);
                        break;
                }
            } else {
                result.append(c);
            }
        }
    }

    private Object number() {
        int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("unexpected character at " + start);
        }
        return number.contains(".") || number.contains("e") || number.contains("E")
                ? (Object) Double.parseDouble(number)
                : (Object) Long.parseLong(number);
    }

    private void expect(char c) {
        if (text.charAt(position) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + position);
        }
        position++;
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
