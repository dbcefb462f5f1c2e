package dev.wasmbridge.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inputs of the real-crates benchmarks ({@code RealCrateBenchmark} through Wasm, {@code
 * NativeRealCrateBenchmark} natively) and the Java code they are compared with, Jackson and {@code
 * java.util.regex}. The inputs are generated from fixed seeds, so every run and every JDK works on the
 * same text:
 *
 * <ul>
 *   <li>{@link #JSON}: about 70 KB of JSON (70,410 chars, 70,621 bytes of UTF-8), an array of {@value
 *       #RECORDS} customer records with strings (some with escapes and non-ASCII characters), integers,
 *       numbers with a fraction, booleans, null, a nested object and a nested array of objects. Every number is a multiple of 0.25 well under
 *       2^30, so sums are exact in a {@code double} whatever the order of the additions (serde_json
 *       keeps object keys sorted, Jackson in document order);
 *   <li>{@link #TEXT}: about 10 KB of English-like ASCII prose, with three ISO dates, the first of them
 *       near the end. Two patterns, with the same meaning in Rust's {@code regex} and in {@code
 *       java.util.regex} on ASCII text: {@link #FEW} (the dates: 3 matches) and {@link #MANY} (every
 *       word: 1,586 matches).
 * </ul>
 */
final class RealCrateInputs {
    // The vocabulary of the generators (declared before the inputs, which are made from it)
    private static final String[] FIRST = {
        "Ada", "Bruno", "Chloé", "Dmitri", "Élodie", "Farid", "Grace", "Hiro", "Ingrid", "José", "Kwame",
        "Lena", "Mateo", "Noor", "Olaf", "Priya", "Quentin", "Rosa", "Søren", "Tomasz", "Ursula", "Vera",
    };
    private static final String[] LAST = {
        "Lovelace",
        "Hopper",
        "Müller",
        "Nakamura",
        "O'Brien",
        "García",
        "Kowalski",
        "Okafor",
        "Ivanova",
        "Dubois",
        "Lindqvist",
        "Rossi",
        "Santos",
        "Yilmaz",
        "Zhang",
        "Novák",
    };
    private static final String[] CITIES = {
        "Lisbon", "Kraków", "Osaka", "Nairobi", "Zürich", "Montréal", "Reykjavík", "Valparaíso", "Tromsø",
    };
    private static final String[] TAGS = {
        "new", "vip", "returning", "wholesale", "newsletter", "beta", "eu", "apac", "priority", "dormant",
    };
    private static final String[] WORDS = {
        "the",
        "river",
        "ran",
        "past",
        "a",
        "quiet",
        "town",
        "where",
        "old",
        "clocks",
        "kept",
        "their",
        "own",
        "time",
        "and",
        "every",
        "morning",
        "baker",
        "opened",
        "shutters",
        "to",
        "smell",
        "of",
        "bread",
        "while",
        "children",
        "walked",
        "school",
        "along",
        "narrow",
        "streets",
        "that",
        "wound",
        "between",
        "houses",
        "painted",
        "in",
        "colours",
        "sea",
        "nobody",
        "remembered",
        "who",
        "first",
        "built",
        "bridge",
        "or",
        "why",
        "it",
        "leaned",
        "slightly",
        "toward",
        "north",
        "but",
        "everyone",
        "agreed",
        "was",
        "beautiful",
        "evening",
        "lamps",
        "market",
        "letters",
        "arrived",
        "from",
        "far",
        "away",
        "with",
        "news",
        "weather",
    };

    /** The number of records in {@link #JSON}. */
    static final int RECORDS = 160;

    /** The JSON document. */
    static final String JSON = json(RECORDS, 0x7EA1_C2A7L);

    /** The prose. */
    static final String TEXT = text(10_000, 0x7E47_2026L);

    /** A pattern with few matches in {@link #TEXT}: ISO dates. */
    static final String FEW = "\\d{4}-\\d{2}-\\d{2}";

    /** A pattern with many matches in {@link #TEXT}: every word. */
    static final String MANY = "[A-Za-z]+";

    /** Jackson's entry point, shared as its documentation recommends. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Compiled patterns, as the Rust side keeps its compiled {@code Regex}es. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private RealCrateInputs() {}

    /** The pattern named {@code few} or {@code many}. */
    static String pattern(String name) {
        switch (name) {
            case "few":
                return FEW;
            case "many":
                return MANY;
            default:
                throw new IllegalArgumentException("no pattern named " + name);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // The Java side: what a Java developer would write instead

    /** Jackson's round trip: {@code readTree}, then {@code writeValueAsString}. */
    static String jacksonRoundtrip(String text) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Jackson's {@code readTree}, then the sum of every number in the tree. */
    static double jacksonSumNumbers(String text) {
        try {
            return sum(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static double sum(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        double total = 0;
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                total += sum(children.next());
            }
        }
        return total;
    }

    /** The number of matches of {@code pattern} in {@code text} ({@code Matcher.find}). */
    static int javaRegexCount(String pattern, String text) {
        Matcher matcher = compiled(pattern).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Whether {@code pattern} matches somewhere in {@code text}. */
    static boolean javaRegexIsMatch(String pattern, String text) {
        return compiled(pattern).matcher(text).find();
    }

    private static Pattern compiled(String pattern) {
        return PATTERNS.computeIfAbsent(pattern, Pattern::compile);
    }

    // ---------------------------------------------------------------------------------------------------
    // Checks: a benchmark whose Rust and Java results differ fails its setup instead of reporting a time

    /** Fails unless the round trip {@code output} of {@code who} is the same JSON value as {@link #JSON}. */
    static void checkRoundtrip(String who, String output) {
        try {
            JsonNode expected = MAPPER.readTree(JSON);
            JsonNode actual = MAPPER.readTree(output);
            if (!expected.equals(actual)) {
                throw new IllegalStateException(who + ": the JSON round trip changed the document");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(who + ": the JSON round trip is not JSON", e);
        }
    }

    /** Fails unless {@code who} found the sum Jackson finds. */
    static void checkSum(String who, double actual) {
        double expected = jacksonSumNumbers(JSON);
        if (Double.compare(expected, actual) != 0) {
            throw new IllegalStateException(who + ": sum of the numbers " + actual + ", Jackson " + expected);
        }
    }

    /** Fails unless {@code who} counted as many matches of {@code pattern} as java.util.regex. */
    static void checkCount(String who, String pattern, long actual) {
        int expected = javaRegexCount(pattern, TEXT);
        if (expected != actual) {
            throw new IllegalStateException(
                    who + ": " + actual + " matches of " + pattern + ", java.util.regex " + expected);
        }
    }

    /** Fails unless {@code who} answers as java.util.regex whether {@code pattern} matches. */
    static void checkIsMatch(String who, String pattern, boolean actual) {
        boolean expected = javaRegexIsMatch(pattern, TEXT);
        if (expected != actual) {
            throw new IllegalStateException(
                    who + ": is_match of " + pattern + " " + actual + ", java.util.regex " + expected);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Generators

    /** An array of {@code records} customer records, compact JSON, from {@code seed}. */
    static String json(int records, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(records * 420);
        out.append('[');
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                out.append(',');
            }
            String first = pick(random, FIRST);
            String last = pick(random, LAST);
            out.append("{\"id\":").append(100_000 + i);
            out.append(",\"name\":");
            string(out, first + " " + last);
            out.append(",\"email\":");
            string(out, (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace("'", "") + "@example.com");
            out.append(",\"active\":").append(random.nextBoolean());
            out.append(",\"score\":").append(quarter(random, 400_000));
            out.append(",\"manager\":").append(random.nextInt(4) == 0 ? "null" : String.valueOf(random.nextInt(500)));
            out.append(",\"tags\":[");
            for (int t = 0, n = random.nextInt(4); t < n; t++) {
                if (t > 0) {
                    out.append(',');
                }
                string(out, pick(random, TAGS));
            }
            out.append("],\"address\":{\"street\":");
            string(out, (1 + random.nextInt(300)) + " " + pick(random, WORDS) + " street");
            out.append(",\"city\":");
            string(out, pick(random, CITIES));
            out.append(",\"zip\":");
            string(out, String.format(java.util.Locale.ROOT, "%05d", random.nextInt(100_000)));
            out.append(",\"geo\":{\"lat\":")
                    .append(quarter(random, 180))
                    .append(",\"lon\":")
                    .append(quarter(random, 360))
                    .append("}}");
            out.append(",\"orders\":[");
            for (int o = 0, n = random.nextInt(4); o < n; o++) {
                if (o > 0) {
                    out.append(',');
                }
                out.append("{\"sku\":");
                string(
                        out,
                        "SKU-"
                                + Integer.toHexString(0x10000 + random.nextInt(0xEFFFF))
                                        .toUpperCase(java.util.Locale.ROOT));
                out.append(",\"quantity\":").append(1 + random.nextInt(20));
                out.append(",\"price\":").append(quarter(random, 2_000));
                out.append(",\"gift\":").append(random.nextInt(5) == 0);
                out.append('}');
            }
            out.append("],\"note\":");
            string(
                    out,
                    sentence(random, 6 + random.nextInt(10))
                            + (random.nextInt(3) == 0 ? " \"Call after 5\", said the\tcustomer.\n" : ""));
            out.append('}');
        }
        return out.append(']').toString();
    }

    /** About {@code size} chars of prose from {@code seed}, with three ISO dates, the first after 85%. */
    static String text(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 200);
        int[] dateAt = {size * 85 / 100, size * 90 / 100, size * 95 / 100};
        int dates = 0;
        while (out.length() < size) {
            if (dates < dateAt.length && out.length() >= dateAt[dates]) {
                out.append("On ")
                        .append(2020 + dates)
                        .append("-0")
                        .append(1 + dates * 3)
                        .append('-')
                        .append(10 + dates * 7)
                        .append(" the letter came. ");
                dates++;
            }
            out.append(sentence(random, 5 + random.nextInt(12))).append(random.nextInt(8) == 0 ? "\n\n" : " ");
        }
        return out.toString();
    }

    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word = pick(random, WORDS);
            if (w == 0) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                out.append(random.nextInt(9) == 0 ? ", " : " ").append(word);
            }
        }
        return out.append('.').toString();
    }

    /** A multiple of 0.25 in [-limit, limit), as JSON writes it ({@code 12}, {@code -3.5}, {@code 7.25}). */
    private static String quarter(Random random, int limit) {
        int quarters = random.nextInt(limit * 8) - limit * 4;
        return quarters % 4 == 0 ? String.valueOf(quarters / 4) : String.valueOf(quarters / 4.0);
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    /** Appends {@code value} as a JSON string: quotes, backslashes and control characters escaped. */
    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
