// Callback arguments are a tuple, `(i32,)` for one.
wasmbridge::export! {
    fn apply(f: wasmbridge::Callback<i32, i32>, x: i32) -> i32 { f.call(x) }
}

fn main() {}
