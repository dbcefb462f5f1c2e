package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmEnum;
import java.util.List;

/** Rust's {@code Expr}: an enum with data that contains itself (Rust boxes it, or holds it in a list). */
@WasmEnum
public sealed interface Expr {
    /** {@code Num(f64)}. */
    record Num(double value) implements Expr {}

    /** {@code Neg(Box<Expr>)}. */
    record Neg(Expr inner) implements Expr {}

    /** {@code Sum { terms: Vec<Expr> }}. */
    record Sum(List<Expr> terms) implements Expr {}

    /** {@code Product { left: Box<Expr>, right: Box<Expr> }}. */
    record Product(Expr left, Expr right) implements Expr {}
}
