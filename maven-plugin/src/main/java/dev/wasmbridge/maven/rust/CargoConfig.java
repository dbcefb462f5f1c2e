package dev.wasmbridge.maven.rust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user's own cargo configuration says about crates-io: whether a {@code .cargo/config.toml} (in
 * the crate's directory or above, or in {@code CARGO_HOME}) already replaces it with another source. The
 * build never overrides such a source; it adds its own replacement only when there is none.
 *
 * <p>Asks cargo itself ({@code cargo -Zunstable-options config get --show-origin
 * source.crates-io.replace-with}, allowed on stable by {@code RUSTC_BOOTSTRAP=1}), which knows every place
 * a setting can come from. A cargo without {@code config get} is answered by reading the config files.
 */
public final class CargoConfig {
    /**
     * The user's replacement for crates-io.
     *
     * @param source the name of the replacing source ({@code [source.<name>]})
     * @param origin where it is set, e.g. the config file's path
     */
    public record Replacement(String source, String origin) {}

    private static final String KEY = "source.crates-io.replace-with";
    private static final Pattern GET_LINE =
            Pattern.compile("^source\\.crates-io\\.replace-with\\s*=\\s*\"([^\"]*)\"\\s*(?:#\\s*(.*))?$");
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*]\\s*(#.*)?$");
    private static final Pattern REPLACE_WITH =
            Pattern.compile("^\\s*(?:source\\.crates-io\\.)?replace-with\\s*=\\s*[\"']([^\"']*)[\"']\\s*(#.*)?$");

    private CargoConfig() {}

    /**
     * The crates-io replacement in effect for cargo run in {@code crateDirectory}, if any.
     *
     * @param environment the environment cargo runs with (the toolchain's)
     */
    public static Optional<Replacement> cratesIoReplacement(
            Host host, Path cargo, Path crateDirectory, Map<String, String> environment) {
        Host.Result get = host.run(
                List.of(cargo.toString(), "-Zunstable-options", "config", "get", "--show-origin", KEY),
                crateDirectory,
                environment);
        if (get.succeeded()) {
            for (String line : get.lines()) {
                Matcher m = GET_LINE.matcher(line);
                if (m.matches()) {
                    return Optional.of(new Replacement(m.group(1), m.group(2) == null ? "cargo config" : m.group(2)));
                }
            }
        } else if (get.output().contains("is not set")) {
            return Optional.empty();
        }
        return fromFiles(crateDirectory, cargoHome());
    }

    /**
     * The replacement as the config files say, without cargo: {@code .cargo/config.toml} (or {@code
     * .cargo/config}) in {@code crateDirectory} and every directory above, nearest first, then {@code
     * cargoHome}'s {@code config.toml}.
     */
    public static Optional<Replacement> fromFiles(Path crateDirectory, Path cargoHome) {
        List<Path> files = new ArrayList<>();
        for (Path dir = crateDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            files.add(dir.resolve(".cargo/config.toml"));
            files.add(dir.resolve(".cargo/config"));
        }
        files.add(cargoHome.resolve("config.toml"));
        files.add(cargoHome.resolve("config"));
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                Optional<String> source = replaceWith(read(file));
                if (source.isPresent()) {
                    return Optional.of(new Replacement(source.get(), file.toString()));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code replace-with} of the {@code [source.crates-io]} table in a config file's text, if set. */
    static Optional<String> replaceWith(String toml) {
        String table = "";
        for (String line : toml.split("\r?\n")) {
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = t.group(1).replace("\"", "").replace("'", "");
                continue;
            }
            Matcher r = REPLACE_WITH.matcher(line);
            if (r.matches()) {
                boolean dotted = line.trim().startsWith("source.");
                if ((dotted && table.isEmpty()) || (!dotted && table.equals("source.crates-io"))) {
                    return Optional.of(r.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static Path cargoHome() {
        String home = System.getenv("CARGO_HOME");
        return home != null && !home.isEmpty() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".cargo");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
