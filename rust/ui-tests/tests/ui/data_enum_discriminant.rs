// An enum with data crosses as its variant's index: explicit discriminants have no place on the wire.
wasmbridge::data_enum! {
    pub enum Shape {
        Circle { r: f64 },
        Empty = 3,
    }
}

fn main() {}
