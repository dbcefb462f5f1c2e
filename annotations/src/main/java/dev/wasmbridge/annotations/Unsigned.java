package dev.wasmbridge.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integer as unsigned on the Rust side: {@code @Unsigned int} is {@code u32}, {@code @Unsigned long}
 * {@code u64}, {@code @Unsigned short} {@code u16}, {@code @Unsigned byte} {@code u8}. The bits cross
 * unchanged; read the value with {@link Integer#toUnsignedLong(int)}, {@link Long#toUnsignedString(long)},
 * {@code Byte.toUnsignedInt} and the like.
 *
 * <p>Put it on a parameter, on a method (for its result), or on a type argument: {@code Optional<@Unsigned
 * Integer>}, {@code List<@Unsigned Long>}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
public @interface Unsigned {}
