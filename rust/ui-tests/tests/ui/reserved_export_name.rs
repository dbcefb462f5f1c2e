// An export's symbol is its name: `free` is the C allocator's, and would replace it for the whole module.
wasmbridge::export! {
    fn free(slot: u32) -> bool { slot != 0 }
}

fn main() {}
