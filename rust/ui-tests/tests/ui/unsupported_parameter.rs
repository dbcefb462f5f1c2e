// A map cannot cross: the error says what can, and to use a Vec of records instead.
use std::collections::HashMap;

wasmbridge::export! {
    fn total(prices: HashMap<String, f64>) -> f64 {
        prices.values().sum()
    }
}

fn main() {}
