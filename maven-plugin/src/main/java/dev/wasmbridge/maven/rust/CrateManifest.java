package dev.wasmbridge.maven.rust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a crate's {@code Cargo.toml} gives: the package name and the name of its library target, which
 * names the {@code .wasm} cargo writes ({@code [lib] name}, or the package name with dashes turned into
 * underscores). Reads the two keys it needs with a small line-based reader, so no cargo has to run and
 * no TOML library is needed: {@code name = "..."} in the {@code [package]} and {@code [lib]} tables.
 *
 * @param packageName {@code [package] name}
 * @param libName the library target's name, as the built {@code .wasm} is called ({@code <libName>.wasm})
 */
public record CrateManifest(String packageName, String libName) {
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([A-Za-z0-9_.-]+)\\s*]\\s*(#.*)?$");
    private static final Pattern NAME = Pattern.compile("^\\s*name\\s*=\\s*(\"([^\"]*)\"|'([^']*)')\\s*(#.*)?$");

    /** Reads {@code Cargo.toml} in {@code crateDirectory}. */
    public static CrateManifest read(Path crateDirectory) throws BuildFailure {
        Path manifest = crateDirectory.resolve("Cargo.toml");
        String text;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildFailure(
                    "cannot read " + manifest + " (crateDirectory must hold the crate's Cargo.toml): " + e.getMessage(),
                    e);
        }
        return parse(text, manifest.toString());
    }

    /** Parses a {@code Cargo.toml}'s text; {@code where} names it in messages. */
    public static CrateManifest parse(String text, String where) throws BuildFailure {
        String table = "";
        String packageName = null;
        String libName = null;
        for (String line : text.split("\r?\n")) {
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = t.group(1);
                continue;
            }
            Matcher n = NAME.matcher(line);
            if (n.matches()) {
                String value = n.group(2) != null ? n.group(2) : n.group(3);
                if (table.equals("package")) {
                    packageName = value;
                } else if (table.equals("lib")) {
                    libName = value;
                }
            }
        }
        if (packageName == null) {
            throw new BuildFailure(where + " has no [package] name: it must be a crate, not only a workspace");
        }
        return new CrateManifest(
                packageName, Optional.ofNullable(libName).orElse(packageName).replace('-', '_'));
    }
}
