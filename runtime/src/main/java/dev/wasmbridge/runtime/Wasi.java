package dev.wasmbridge.runtime;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What a module built for {@code wasm32-wasip1} sees of the machine through WASI preview 1 ({@code
 * wasi_snapshot_preview1}): clocks, randomness, standard output and error, and what the Java side grants on
 * top. Immutable: each {@code with...} method returns a new instance. Given to the bindings with {@link
 * WasmOptions#withWasi}; a module that imports no WASI function ignores it.
 *
 * <p>{@linkplain #defaults() By default}:
 *
 * <ul>
 *   <li>the clocks are real: {@code SystemTime::now()} is {@link Clock#systemUTC()}, {@code Instant::now()}
 *       is {@link System#nanoTime()};
 *   <li>randomness ({@code getrandom}, hence {@code rand} and {@code uuid}'s v4) comes from a {@link
 *       SecureRandom};
 *   <li>standard output and error are line-buffered: each complete line (without its {@code \n}, and
 *       without a {@code \r} before it) is logged to the {@link System.Logger} {@value #STDOUT_LOGGER} at
 *       {@code INFO}, or {@value #STDERR_LOGGER} at {@code WARNING}; {@link #withStdout} and {@link
 *       #withStderr} send them elsewhere;
 *   <li>standard input is empty;
 *   <li>there is no file system, no environment variable and no argument: Rust's {@code std::fs} fails with
 *       an ordinary {@code io::Error}, {@code std::env::var} finds nothing and {@code std::env::args()} is
 *       empty. {@link #withDirectory}, {@link #withEnv} and {@link #withArgs} grant them.
 * </ul>
 *
 * <p>Every instance of the bindings gets its own WASI state (open files, output buffers) from these
 * options, and {@link WasmBindings#resetState()} starts it afresh.
 *
 * <pre>{@code
 * Wasi wasi = Wasi.defaults()
 *         .withDirectory("/data", Path.of("/srv/app/data"), Wasi.Access.READ_ONLY)
 *         .withEnv("LANG", "en_US.UTF-8")
 *         .withStdout(line -> log.info("rust: {}", line));
 * Parser parser = ParserBindings.create(WasmOptions.defaults().withWasi(wasi));
 * }</pre>
 */
public final class Wasi {
    /** The {@link System.Logger} that receives standard output's lines by default, at {@code INFO}. */
    public static final String STDOUT_LOGGER = "dev.wasmbridge.wasi.stdout";

    /** The {@link System.Logger} that receives standard error's lines by default, at {@code WARNING}. */
    public static final String STDERR_LOGGER = "dev.wasmbridge.wasi.stderr";

    /** What a granted directory allows. */
    public enum Access {
        /**
         * Reading files and listing directories. Anything that would change the directory or a file in it
         * (opening for writing, creating, truncating, appending, renaming, removing, linking, changing sizes
         * or times) fails in Rust with an {@code io::Error} of kind {@code PermissionDenied} (WASI's {@code
         * EPERM}).
         */
        READ_ONLY,
        /** Everything {@link #READ_ONLY} allows, and changing, creating and removing files and directories. */
        READ_WRITE
    }

    /**
     * A directory granted to the module.
     *
     * @param guestPath where the module sees it, an absolute path such as {@code /data}
     * @param hostPath the directory on this machine, absolute and normalized
     * @param access what the module may do in it
     */
    public record Directory(String guestPath, Path hostPath, Access access) {
        /**
         * Checks that every part is present.
         *
         * @param guestPath where the module sees the directory
         * @param hostPath the directory on this machine
         * @param access what the module may do in it
         */
        public Directory {
            Objects.requireNonNull(guestPath, "guestPath");
            Objects.requireNonNull(hostPath, "hostPath");
            Objects.requireNonNull(access, "access");
        }
    }

    private static final Wasi DEFAULTS = new Wasi(
            Clock.systemUTC(),
            null,
            logTo(STDOUT_LOGGER, System.Logger.Level.INFO),
            logTo(STDERR_LOGGER, System.Logger.Level.WARNING),
            List.of(),
            Map.of(),
            List.of());

    private final Clock clock;
    /** Null for the default: a {@link SecureRandom} per instance of the bindings. */
    private final Random random;

    private final Consumer<String> stdout;
    private final Consumer<String> stderr;
    private final List<Directory> directories;
    private final Map<String, String> environment;
    private final List<String> arguments;

    private Wasi(
            Clock clock,
            Random random,
            Consumer<String> stdout,
            Consumer<String> stderr,
            List<Directory> directories,
            Map<String, String> environment,
            List<String> arguments) {
        this.clock = clock;
        this.random = random;
        this.stdout = stdout;
        this.stderr = stderr;
        this.directories = directories;
        this.environment = environment;
        this.arguments = arguments;
    }

    /** {@return the defaults described above: real clocks and randomness, output logged, nothing granted} */
    public static Wasi defaults() {
        return DEFAULTS;
    }

    /** A sink that logs each line to the {@link System.Logger} {@code name}, looked up on the first line. */
    private static Consumer<String> logTo(String name, System.Logger.Level level) {
        return new Consumer<>() {
            private volatile System.Logger logger;

            @Override
            public void accept(String line) {
                System.Logger found = logger;
                if (found == null) {
                    found = System.getLogger(name);
                    logger = found;
                }
                found.log(level, line);
            }

            @Override
            public String toString() {
                return "System.Logger " + name + " at " + level;
            }
        };
    }

    // ---- Changes --------------------------------------------------------------------------------------------

    /**
     * Sends each line the module writes to standard output (fd 1: Rust's {@code println!}) to {@code lines}
     * instead of the logger {@value #STDOUT_LOGGER}.
     *
     * <p>A line is delivered when its {@code \n} is written, without the {@code \n} (and without a {@code \r}
     * just before it); what is left without one is delivered when the outermost call into the instance ends,
     * and when the instance is reset. Lines arrive in the order written, on the thread of the call that wrote
     * them. Bytes that are not valid UTF-8 become U+FFFD. A line longer than 1 MiB is delivered in pieces of
     * at most that. An exception the sink throws does not reach Rust: it is logged (logger {@code
     * dev.wasmbridge}, {@code WARNING}) with the line, and output goes on. The instances of a pool call one
     * sink from several threads at once: make it thread-safe.
     *
     * @param lines receives each line
     * @return the changed options
     */
    public Wasi withStdout(Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines: pass a sink for standard output's lines");
        return new Wasi(clock, random, lines, stderr, directories, environment, arguments);
    }

    /**
     * Sends each line the module writes to standard error (fd 2: Rust's {@code eprintln!}) to {@code lines}
     * instead of the logger {@value #STDERR_LOGGER}, as {@link #withStdout} does for standard output.
     *
     * @param lines receives each line
     * @return the changed options
     */
    public Wasi withStderr(Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines: pass a sink for standard error's lines");
        return new Wasi(clock, random, stdout, lines, directories, environment, arguments);
    }

    /**
     * Lets the module see the directory {@code hostPath} as {@code guestPath}: Rust opens
     * {@code "/data/report.txt"} for the grant of {@code /data}. Paths that leave the directory ({@code
     * ..} past its root) are refused; paths under no granted directory fail in Rust with an {@code
     * io::Error}. Symbolic links inside the directory are followed by the host, so do not grant a directory
     * that links to places the module must not see.
     *
     * @param guestPath where the module sees the directory: absolute ({@code /data}), not granted before
     * @param hostPath the directory, absolute, existing
     * @param access what the module may do in it
     * @return the changed options
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code guestPath} is not absolute or is granted already, or {@code
     *     hostPath} is relative or not an existing directory
     */
    public Wasi withDirectory(String guestPath, Path hostPath, Access access) {
        Objects.requireNonNull(guestPath, "guestPath: pass where the module sees the directory, such as \"/data\"");
        Objects.requireNonNull(hostPath, "hostPath: pass the directory on this machine to grant");
        Objects.requireNonNull(access, "access: pass Wasi.Access.READ_ONLY or Wasi.Access.READ_WRITE");
        if (!guestPath.startsWith("/")) {
            throw new IllegalArgumentException("The guest path '" + guestPath + "' of a WASI directory grant is not"
                    + " absolute: give where the module sees the directory as an absolute path, such as \"/"
                    + guestPath + "\".");
        }
        if (guestPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "The guest path of a WASI directory grant contains a NUL character: remove it.");
        }
        String guest = guestPath.length() > 1 && guestPath.endsWith("/")
                ? guestPath.substring(0, guestPath.length() - 1)
                : guestPath;
        for (Directory granted : directories) {
            if (granted.guestPath().equals(guest)) {
                throw new IllegalArgumentException("The guest path '" + guest + "' is granted already (for "
                        + granted.hostPath() + "): give each directory a guest path of its own.");
            }
        }
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("The host path '" + hostPath + "' of the WASI directory grant '" + guest
                    + "' is relative: pass an absolute path (for example hostPath.toAbsolutePath()), so that what"
                    + " the module sees does not depend on the working directory.");
        }
        Path host = hostPath.normalize();
        if (!Files.isDirectory(host)) {
            throw new IllegalArgumentException("The host path '" + host + "' of the WASI directory grant '" + guest
                    + "' " + (Files.exists(host, LinkOption.NOFOLLOW_LINKS) ? "is not a directory" : "does not exist")
                    + ": grant an existing directory (create it first).");
        }
        List<Directory> changed = new ArrayList<>(directories);
        changed.add(new Directory(guest, host, access));
        return new Wasi(clock, random, stdout, stderr, Collections.unmodifiableList(changed), environment, arguments);
    }

    /**
     * Sets the environment variable {@code name} the module sees ({@code std::env::var}); setting a name
     * again replaces its value. Without any, the module's environment is empty.
     *
     * @param name the name: not empty, without {@code =} or NUL
     * @param value the value, without NUL
     * @return the changed options
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is empty or holds {@code =} or NUL, or the value holds NUL
     */
    public Wasi withEnv(String name, String value) {
        Objects.requireNonNull(name, "name: pass the environment variable's name");
        Objects.requireNonNull(value, "value: pass the value of environment variable " + name);
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not an environment variable name: a name is not"
                    + " empty and holds no '=' and no NUL character.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "The value of environment variable " + name + " contains a NUL character: remove it.");
        }
        Map<String, String> changed = new LinkedHashMap<>(environment);
        changed.put(name, value);
        return new Wasi(clock, random, stdout, stderr, directories, Collections.unmodifiableMap(changed), arguments);
    }

    /**
     * Sets the arguments the module sees: {@code std::env::args()} returns exactly these (by convention the
     * first is the program's name). Replaces arguments set before. Without any, there are none.
     *
     * @param args the arguments, without NUL
     * @return the changed options
     * @throws NullPointerException if {@code args} or an argument is null
     * @throws IllegalArgumentException if an argument holds NUL
     */
    public Wasi withArgs(String... args) {
        Objects.requireNonNull(args, "args");
        List<String> changed = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg == null) {
                throw new NullPointerException("args: argument " + i + " is null");
            }
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("Argument " + i + " contains a NUL character: remove it.");
            }
            changed.add(arg);
        }
        return new Wasi(clock, random, stdout, stderr, directories, environment, Collections.unmodifiableList(changed));
    }

    /**
     * Sets the clock behind WASI's real-time clock ({@code SystemTime::now()}), for tests that need a fixed
     * time; the monotonic clock ({@code Instant::now()}) stays {@link System#nanoTime()}.
     *
     * @param clock the clock
     * @return the changed options
     */
    public Wasi withClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new Wasi(clock, random, stdout, stderr, directories, environment, arguments);
    }

    /**
     * Sets where WASI's {@code random_get} takes its bytes, for tests that need a repeatable sequence (a
     * seeded {@link Random}). Every instance made with these options shares it. Leave the default, a {@link
     * SecureRandom} per instance, for anything that needs unpredictable values (keys, tokens, v4 UUIDs).
     *
     * @param random the source of random bytes
     * @return the changed options
     */
    public Wasi withRandom(Random random) {
        Objects.requireNonNull(random, "random");
        return new Wasi(clock, random, stdout, stderr, directories, environment, arguments);
    }

    // ---- What is set ----------------------------------------------------------------------------------------

    /** {@return the clock of WASI's real-time clock} */
    public Clock clock() {
        return clock;
    }

    /**
     * {@return the source of random bytes set with {@link #withRandom}, or a new {@link SecureRandom} when none
     * was} The runtime calls this once per instance.
     */
    public Random random() {
        return random != null ? random : new SecureRandom();
    }

    /** {@return the sink of standard output's lines} */
    public Consumer<String> stdout() {
        return stdout;
    }

    /** {@return the sink of standard error's lines} */
    public Consumer<String> stderr() {
        return stderr;
    }

    /** {@return the granted directories, in the order granted} */
    public List<Directory> directories() {
        return directories;
    }

    /** {@return the environment variables, in the order first set} */
    public Map<String, String> environment() {
        return environment;
    }

    /** {@return the arguments} */
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return "Wasi[clock=" + clock + ", random=" + (random == null ? "SecureRandom" : random) + ", stdout=" + stdout
                + ", stderr=" + stderr + ", directories=" + directories + ", environment="
                + environment.keySet() + ", arguments=" + Arrays.toString(arguments.toArray()) + "]";
    }
}
