// Java cannot uphold an `unsafe fn`'s contract: call unsafe code from a plain function instead.
wasmbridge::export! {
    unsafe fn peek(address: u32) -> u8 { *(address as usize as *const u8) }
}

fn main() {}
