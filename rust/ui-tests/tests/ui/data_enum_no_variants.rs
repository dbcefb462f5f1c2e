// An enum without variants has no value that could cross.
wasmbridge::data_enum! {
    pub enum Never {}
}

fn main() {}
