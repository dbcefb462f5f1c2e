package dev.wasmbridge.wasmeh;

import dev.wasmbridge.wasmeh.TestModuleBuilder.Code;

/**
 * Builds a module with one exported function {@code hash(n: i32) -> i64} whose loop body is
 * {@code blocks} blocks of {@code rounds} hash rounds each: with 8 x 65 rounds, Chicory compiles
 * it to a method of about 11 KB, over HotSpot's 8,000-byte limit, like the big functions of real
 * Rust crates (a state machine or an unrolled kernel in a loop).
 */
final class HugeFunctionModule {
    static final int BLOCKS = 8;
    static final int ROUNDS = 65;

    private HugeFunctionModule() {}

    static byte[] build() {
        return build(BLOCKS, ROUNDS);
    }

    static byte[] build(int blocks, int rounds) {
        TestModuleBuilder module = new TestModuleBuilder();
        int type =
                module.type(TestModuleBuilder.of(TestModuleBuilder.I32), TestModuleBuilder.of(TestModuleBuilder.I64));
        final int n = 0;
        final int i = 1;
        final int h = 2;
        final int a = 3;
        Code code = new Code().i64(0x243F6A8885A308D3L).localSet(h);
        code.loop(TestModuleBuilder.VOID);
        long constant = 0x9E3779B97F4A7C15L;
        for (int b = 0; b < blocks; b++) {
            code.block(TestModuleBuilder.VOID);
            for (int r = 0; r < rounds; r++) {
                constant = constant * 6364136223846793005L + 1442695040888963407L;
                code.localGet(h)
                        .i64(constant | 1)
                        .op(0x7E) // i64.mul
                        .localGet(a)
                        .op(0x85)
                        .localSet(h) // i64.xor
                        .localGet(h)
                        .i64(13 + r % 40)
                        .op(0x89)
                        .localSet(a); // i64.rotl
            }
            // leave the block early on some iterations, so it has a branch out of it
            code.localGet(i)
                    .i32(b + 3)
                    .op(0x70)
                    .op(0x45)
                    .brIf(0) // i32.rem_u, i32.eqz
                    .localGet(a)
                    .i64(b)
                    .op(0x7C)
                    .localSet(a) // i64.add
                    .end();
        }
        code.localGet(i)
                .i32(1)
                .op(0x6A)
                .localTee(i)
                .localGet(n)
                .op(0x49)
                .brIf(0) // i32.lt_u
                .end();
        code.localGet(h).localGet(a).op(0x7C);
        module.function(
                type,
                "hash",
                TestModuleBuilder.of(TestModuleBuilder.I32, TestModuleBuilder.I64, TestModuleBuilder.I64),
                code);
        return module.build();
    }
}
