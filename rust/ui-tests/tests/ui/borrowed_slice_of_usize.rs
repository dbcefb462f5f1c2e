// Borrowed slices are for u8, i16, i32, i64, f32 and f64; other element types are copied in a Vec.
wasmbridge::export! {
    fn sum(offsets: &[usize]) -> usize { offsets.iter().sum() }
}

fn main() {}
