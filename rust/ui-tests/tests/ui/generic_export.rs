// Java calls one concrete function: a generic function cannot be exported.
wasmbridge::export! {
    fn largest<T: PartialOrd + Copy>(values: Vec<T>) -> Option<T> {
        values.into_iter().reduce(|a, b| if b > a { b } else { a })
    }
}

fn main() {}
