package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;

/** Rust's {@code Account}: plain data, so only its {@code &mut self} methods poison it when they panic. */
@WasmClass
public interface Account extends WasmObject {
    /** {@code fn balance(&self) -> i64}. */
    @WasmExport
    long balance();

    /** {@code fn deposits(&self) -> i32}: the number of deposits recorded. */
    @WasmExport
    int deposits();

    /** {@code fn deposit(&mut self, amount: i64) -> i64}: a negative amount panics half-way. */
    @WasmExport
    long deposit(long amount);

    /** {@code fn audit(&self, limit: i64) -> i64}: panics when the balance is over {@code limit}. */
    @WasmExport
    long audit(long limit);

    /** {@code fn transfer(&mut self, to: &mut Account, amount: i64) -> i64}: overdrawing panics half-way. */
    @WasmExport
    long transfer(Account to, long amount);

    /** {@code fn deposit_from_host(&mut self) -> i64}: asks the host for the amount half-way. */
    @WasmExport
    long depositFromHost();
}
