package dev.wasmbridge.it.unwind;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;

/**
 * The exports of integration-tests/rust/unwind-fixture. Each build flavour binds it with its own {@code
 * @WasmModule} sub-interface ({@link UnwindFixtureExnref}, {@link UnwindFixtureLegacy}, {@link
 * UnwindFixtureAbort}).
 */
public interface UnwindFixture extends WasmBindings {
    @WasmExport(name = "Account::new")
    Account newAccount(long balance);

    @WasmExport(name = "Memo::new")
    Memo newMemo();

    @WasmExport(name = "Tally::new")
    Tally newTally();

    @WasmExport
    int liveAccounts();

    /** {@code fn drain(account: &mut Account, fail: bool) -> i64}. */
    @WasmExport
    long drain(Account account, boolean fail);

    /** Increments a static, then panics when {@code fail}. */
    @WasmExport
    int bump(boolean fail);

    @WasmExport
    int bumps();

    @WasmExport
    int fail(String message);

    /** Replaces Rust's panic hook without chaining to the one installed. */
    @WasmExport
    void installLateHook();

    /** A plain export, outside the boundary: installs a hook before the support crate installs its own. */
    @WasmExport
    void installEarlyHook();

    @WasmExport
    int earlyHookRuns();

    @WasmExport
    int lateHookRuns();
}
