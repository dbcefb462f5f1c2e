package dev.wasmbridge.maven.rust;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file names the built modules get in the output directory, from a pattern with two placeholders:
 * {@code {crate}}, the crate's library name as cargo names its {@code .wasm} (dashes turned into
 * underscores), and {@code {flavour}}, the flavour ({@code exnref}, {@code legacy}, {@code abort}).
 *
 * <p>Without a pattern: {@code {crate}.wasm} for one flavour, {@code {crate}.{flavour}.wasm} for more.
 * With more than one flavour the pattern must contain {@code {flavour}}, or the modules would overwrite
 * each other.
 *
 * @param pattern the pattern in effect
 */
public record OutputNames(String pattern) {
    /** The pattern for one flavour when none is configured. */
    public static final String SINGLE = "{crate}.wasm";
    /** The pattern for several flavours when none is configured. */
    public static final String SEVERAL = "{crate}.{flavour}.wasm";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    /**
     * The names for {@code flavours}, from {@code configured} or the default.
     *
     * @throws BuildFailure when the pattern has an unknown placeholder, or lacks {@code {flavour}} while
     *     several flavours are built
     */
    public static OutputNames of(String configured, List<Flavour> flavours) throws BuildFailure {
        String pattern = configured == null || configured.isBlank()
                ? (flavours.size() == 1 ? SINGLE : SEVERAL)
                : configured.trim();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (!m.group(1).equals("crate") && !m.group(1).equals("flavour")) {
                throw new BuildFailure("fileName '" + pattern + "' has an unknown placeholder {" + m.group(1)
                        + "}: use {crate} and {flavour}");
            }
        }
        if (flavours.size() > 1 && !pattern.contains("{flavour}")) {
            throw new BuildFailure("fileName '" + pattern + "' has no {flavour}, but " + flavours.size()
                    + " flavours are built: their modules would overwrite each other");
        }
        return new OutputNames(pattern);
    }

    /** The file name of {@code crate}'s module in {@code flavour}. */
    public String fileName(String crate, Flavour flavour) {
        return pattern.replace("{crate}", crate).replace("{flavour}", flavour.id());
    }
}
