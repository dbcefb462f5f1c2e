// A tuple variant has at most 16 fields; a longer one is clearer as a struct variant anyway.
wasmbridge::data_enum! {
    pub enum Wide {
        Many(u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8),
    }
}

fn main() {}
