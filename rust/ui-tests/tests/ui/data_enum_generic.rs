// An enum that crosses the boundary has fixed field types.
wasmbridge::data_enum! {
    pub enum Slot<T> {
        Full(T),
        Empty,
    }
}

fn main() {}
