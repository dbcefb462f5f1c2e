package dev.wasmbridge.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Codec}s of the types of the value encoding (docs/ABI.md, "Encoded values"): one constant per
 * built-in type, and factories that combine them into {@code Optional}s, lists, records and enums (with or
 * without data).
 *
 * <p>Unsigned Rust integers use the codec of the Java type of the same width ({@code u32} and {@code
 * @Unsigned Integer}: {@link #INT}); the bits are kept. Numeric Rust vectors ({@code Vec<i32>}) inside an
 * encoded value are lists of boxed numbers ({@code list(INT)}); at the top level they cross as arrays
 * instead.
 */
public final class Codecs {
    /** Rust {@code bool}: one byte, {@code 0} or {@code 1}. */
    public static final Codec<Boolean> BOOLEAN =
            of("a Boolean", (v, out) -> out.writeBoolean(v), ValueReader::readBoolean);

    /** Rust {@code i8} or {@code u8}. */
    public static final Codec<Byte> BYTE = of("a Byte", (v, out) -> out.writeByte(v), ValueReader::readByte);

    /** Rust {@code i16} or {@code u16}. */
    public static final Codec<Short> SHORT = of("a Short", (v, out) -> out.writeShort(v), ValueReader::readShort);

    /** Rust {@code i32} or {@code u32}. */
    public static final Codec<Integer> INT = of("an Integer", (v, out) -> out.writeInt(v), ValueReader::readInt);

    /** Rust {@code i64} or {@code u64}. */
    public static final Codec<Long> LONG = of("a Long", (v, out) -> out.writeLong(v), ValueReader::readLong);

    /** Rust {@code f32}, bit for bit. */
    public static final Codec<Float> FLOAT = of("a Float", (v, out) -> out.writeFloat(v), ValueReader::readFloat);

    /** Rust {@code f64}, bit for bit. */
    public static final Codec<Double> DOUBLE = of("a Double", (v, out) -> out.writeDouble(v), ValueReader::readDouble);

    /** Rust {@code String}: UTF-8, refusing unpaired surrogates when writing and malformed UTF-8 when reading. */
    public static final Codec<String> STRING = of("a String", (v, out) -> out.writeString(v), ValueReader::readString);

    /** Rust {@code Vec<u8>}. */
    public static final Codec<byte[]> BYTES = of("a byte[]", (v, out) -> out.writeBytes(v), ValueReader::readBytes);

    /** Rust {@code Option<i32>} (or {@code Option<u32>}). */
    public static final Codec<OptionalInt> OPTIONAL_INT = of(
            "an OptionalInt",
            (v, out) -> {
                out.writeTag(v.isPresent());
                if (v.isPresent()) {
                    out.writeInt(v.getAsInt());
                }
            },
            in -> in.readTag() ? OptionalInt.of(in.readInt()) : OptionalInt.empty());

    /** Rust {@code Option<i64>} (or {@code Option<u64>}). */
    public static final Codec<OptionalLong> OPTIONAL_LONG = of(
            "an OptionalLong",
            (v, out) -> {
                out.writeTag(v.isPresent());
                if (v.isPresent()) {
                    out.writeLong(v.getAsLong());
                }
            },
            in -> in.readTag() ? OptionalLong.of(in.readLong()) : OptionalLong.empty());

    /** Rust {@code Option<f64>}. */
    public static final Codec<OptionalDouble> OPTIONAL_DOUBLE = of(
            "an OptionalDouble",
            (v, out) -> {
                out.writeTag(v.isPresent());
                if (v.isPresent()) {
                    out.writeDouble(v.getAsDouble());
                }
            },
            in -> in.readTag() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty());

    private Codecs() {}

    /** Rust {@code Option<T>}: an empty {@code Optional} is {@code None}. */
    public static <T> Codec<Optional<T>> optional(Codec<T> element) {
        Objects.requireNonNull(element, "element");
        return of(
                "an Optional",
                (v, out) -> {
                    out.writeTag(v.isPresent());
                    if (v.isPresent()) {
                        element.write(v.get(), out);
                    }
                },
                in -> in.readTag() ? Optional.of(element.read(in)) : Optional.empty());
    }

    /**
     * Rust {@code Vec<T>}: the element count, then each element. Reads an unmodifiable list; writing a list
     * with a null element throws {@link NullPointerException}.
     */
    public static <T> Codec<List<T>> list(Codec<T> element) {
        Objects.requireNonNull(element, "element");
        return of(
                "a List",
                (v, out) -> {
                    out.writeCount(v.size());
                    int index = 0;
                    for (T item : v) {
                        if (item == null) {
                            throw new NullPointerException("element " + index + " of a List in the value is null; Rust"
                                    + " values cannot hold null (use Optional, or leave the element out)");
                        }
                        element.write(item, out);
                        index++;
                    }
                },
                in -> {
                    int count = in.readCount();
                    List<T> items = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        items.add(element.read(in));
                    }
                    return Collections.unmodifiableList(items);
                });
    }

    /**
     * A codec that asks {@code codec} for the real one each time it is used: how the generated codec of a
     * type that contains itself (a record, or an enum with data, holding a {@code List} of itself, say) uses
     * its own, which does not exist yet when the codecs it is made of are created.
     *
     * @param codec gives the codec; called on every write and read, never while this one is created
     */
    public static <T> Codec<T> lazy(Supplier<Codec<T>> codec) {
        Objects.requireNonNull(codec, "codec");
        return new Codec<T>() {
            @Override
            public void write(T value, ValueWriter out) {
                codec.get().write(value, out);
            }

            @Override
            public T read(ValueReader in) {
                return codec.get().read(in);
            }
        };
    }

    /**
     * A codec from a writer and a reader, for generated record and enum codecs. A record writes and reads its
     * components in declaration order with the codecs of their types; an enum writes and reads its {@code
     * i32} discriminant. Writing null throws {@link NullPointerException} before {@code writer} runs.
     */
    public static <T> Codec<T> of(
            BiConsumer<? super T, ValueWriter> writer, Function<ValueReader, ? extends T> reader) {
        return of("a record or enum", writer, reader);
    }

    private static <T> Codec<T> of(
            String description, BiConsumer<? super T, ValueWriter> writer, Function<ValueReader, ? extends T> reader) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
        String nullMessage = description + " in the value is null; Rust values cannot hold null (use Optional)";
        return new Codec<T>() {
            @Override
            public void write(T value, ValueWriter out) {
                if (value == null) {
                    throw new NullPointerException(nullMessage);
                }
                writer.accept(value, out);
            }

            @Override
            public T read(ValueReader in) {
                return reader.apply(in);
            }
        };
    }

    /**
     * The encoding of {@code value}, for a slice; exceptions name {@code what}.
     *
     * @throws NullPointerException if {@code value} or a value inside it is null
     * @throws IllegalArgumentException if a string inside {@code value} holds an unpaired surrogate
     */
    static <T> byte[] encode(Codec<T> codec, T value, String what) {
        Objects.requireNonNull(codec, "codec");
        if (value == null) {
            throw new NullPointerException(what + " is null, but the Rust side takes a value; pass a non-null one"
                    + " (an empty Optional for None).");
        }
        ValueWriter out = new ValueWriter();
        try {
            codec.write(value, out);
        } catch (NullPointerException e) {
            NullPointerException named = new NullPointerException(what + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes the whole of {@code bytes} with {@code codec}.
     *
     * @throws dev.wasmbridge.runtime.WasmBridgeException if they are not one valid encoding
     */
    static <T> T decode(Codec<T> codec, byte[] bytes) {
        ValueReader in = new ValueReader(bytes);
        T value = codec.read(in);
        in.finish();
        return value;
    }
}
