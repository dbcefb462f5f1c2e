//! Test fixture for class objects in lists and options, objects given and lent to imports and callbacks,
//! and iterators (issue 15, items 5 and 6). Every `Token` and every iterator is counted while alive and
//! when dropped, so the host can check that each Rust value is dropped exactly once.

use std::cell::Cell;
use wasmbridge::{Callback, Iter};

wasmbridge::record! {
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub struct Spot { pub x: i32, pub y: i32 }
}

wasmbridge::enumeration! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Suit { Hearts = 1, Spades = 2 }
}

thread_local! {
    /// The `Token`s alive.
    static LIVE_TOKENS: Cell<i32> = const { Cell::new(0) };
    /// The `Token`s dropped so far.
    static DROPPED_TOKENS: Cell<i32> = const { Cell::new(0) };
    /// The iterators alive (each holds a `Tracked`).
    static LIVE_ITERATORS: Cell<i32> = const { Cell::new(0) };
    /// The iterators dropped so far.
    static DROPPED_ITERATORS: Cell<i32> = const { Cell::new(0) };
    /// The items the iterators have computed so far.
    static COMPUTED: Cell<i64> = const { Cell::new(0) };
}

fn add(counter: &'static std::thread::LocalKey<Cell<i32>>, by: i32) {
    counter.with(|c| c.set(c.get() + by));
}

/// A Rust object the host holds by handle, counted while alive.
pub struct Token {
    id: i64,
    label: String,
}

impl Token {
    fn make(id: i64, label: &str) -> Token {
        add(&LIVE_TOKENS, 1);
        Token { id, label: label.to_owned() }
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        add(&LIVE_TOKENS, -1);
        add(&DROPPED_TOKENS, 1);
    }
}

wasmbridge::class! {
    impl Token {
        pub fn new(id: i64, label: &str) -> Token {
            Token::make(id, label)
        }

        pub fn id(&self) -> i64 {
            self.id
        }

        pub fn label(&self) -> String {
            self.label.clone()
        }

        pub fn relabel(&mut self, label: &str) {
            self.label = label.to_owned();
        }

        /// Changes the label half-way, then panics with `message`.
        pub fn fail(&mut self, message: &str) {
            self.label.push('!');
            panic!("{message}")
        }

        /// Consumes the token into `parts` new ones, ids `id * 10 + i`.
        pub fn split(self, parts: i32) -> Vec<Token> {
            (0..parts as i64).map(|i| Token::make(self.id * 10 + i, &self.label)).collect()
        }

        /// Takes the others (they are dropped) and adds their ids; returns the new id.
        pub fn absorb(&mut self, others: Vec<Token>) -> i64 {
            self.id += others.iter().map(|t| t.id).sum::<i64>();
            self.id
        }

        /// The label's characters, computed from a copy when the host asks for them.
        pub fn letters(&self) -> Iter<String> {
            let label = self.label.clone();
            tracked((0..label.chars().count()).map(move |i| label.chars().nth(i).unwrap().to_string()))
        }
    }
}

/// Counts an iterator while alive, and its items as they are computed.
struct Tracked<I>(I);

impl<I: Iterator> Iterator for Tracked<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        let item = self.0.next();
        if item.is_some() {
            COMPUTED.with(|c| c.set(c.get() + 1));
        }
        item
    }
}

impl<I> Drop for Tracked<I> {
    fn drop(&mut self) {
        add(&LIVE_ITERATORS, -1);
        add(&DROPPED_ITERATORS, 1);
    }
}

/// `items`, one per call, counted.
fn tracked<T, I: Iterator<Item = T> + 'static>(items: I) -> Iter<T> {
    add(&LIVE_ITERATORS, 1);
    Iter::new(Tracked(items))
}

/// `items`, up to `batch` per call, counted.
fn tracked_batched<T, I: Iterator<Item = T> + 'static>(items: I, batch: usize) -> Iter<T> {
    add(&LIVE_ITERATORS, 1);
    Iter::batched(Tracked(items), batch)
}

wasmbridge::export! {
    fn live_tokens() -> i32 { LIVE_TOKENS.with(Cell::get) }
    fn dropped_tokens() -> i32 { DROPPED_TOKENS.with(Cell::get) }
    fn live_iterators() -> i32 { LIVE_ITERATORS.with(Cell::get) }
    fn dropped_iterators() -> i32 { DROPPED_ITERATORS.with(Cell::get) }
    /// The items every iterator computed so far.
    fn computed() -> i64 { COMPUTED.with(Cell::get) }

    // Objects in lists and options.
    /// `n` new tokens labeled `prefix0`, `prefix1`, ...
    fn tokens(n: i32, prefix: &str) -> Vec<Token> {
        (0..n as i64).map(|i| Token::make(i, &format!("{prefix}{i}"))).collect()
    }
    fn ids(tokens: Vec<&Token>) -> Vec<i64> { tokens.iter().map(|t| t.id).collect() }
    fn relabel_all(tokens: Vec<&mut Token>, label: &str) -> i32 {
        let count = tokens.len() as i32;
        for token in tokens {
            token.label = label.to_owned();
        }
        count
    }
    /// Takes the tokens; they are dropped when it returns.
    fn sum_ids(tokens: Vec<Token>) -> i64 { tokens.iter().map(|t| t.id).sum() }
    /// Takes the token, if any: -1 for none.
    fn take_maybe(token: Option<Token>) -> i64 { token.map_or(-1, |t| t.id) }
    fn peek_maybe(token: Option<&Token>) -> String { token.map_or("none".to_owned(), |t| t.label.clone()) }
    fn bump_maybe(token: Option<&mut Token>) -> bool {
        match token {
            Some(token) => { token.id += 1; true }
            None => false,
        }
    }
    fn maybe_token(make: bool) -> Option<Token> { make.then(|| Token::make(7, "maybe")) }
    /// Compiles, but Java cannot bind it: a result cannot borrow an object (the processor says so).
    fn borrowed(tokens: Vec<&Token>) -> Vec<&Token> { tokens }

    // Objects given and lent to imports and callbacks.
    /// Lends a new token to `host.inspect`; Rust drops it afterwards.
    fn show_token(id: i64) -> String {
        let token = Token::make(id, "shown");
        inspect(&token)
    }
    /// Lends a new token to `host.edit`, which may change it, and returns its label afterwards.
    fn edit_token(id: i64) -> String {
        let mut token = Token::make(id, "draft");
        edit(&mut token);
        token.label.clone()
    }
    /// Lends a token the host owns (taken by `&mut`) to `host.edit` in turn.
    fn edit_held(token: &mut Token) -> String {
        edit(token);
        token.label.clone()
    }
    /// Gives a new token to `host.adopt`: the host owns it.
    fn give_token(id: i64, label: &str) { adopt(Token::make(id, label), label.len() as i32) }
    /// Lends `n` new tokens, one per call, to `f`; returns the sum of what it returned.
    fn visit_tokens(n: i32, f: Callback<(&Token,), i64>) -> i64 {
        (0..n as i64).map(|i| f.call((&Token::make(i, "visited"),))).sum()
    }
    /// Lends a new token to `f` for changing, and returns its label afterwards.
    fn edit_with(f: Callback<(&mut Token,), ()>) -> String {
        let mut token = Token::make(0, "draft");
        f.call((&mut token,));
        token.label.clone()
    }
    /// Gives `n` new tokens, one per call, to `f`.
    fn give_tokens(n: i32, f: Callback<(Token, i32), ()>) {
        for i in 0..n {
            f.call((Token::make(i as i64, "given"), i));
        }
    }

    // Iterators.
    fn count_up(n: u32) -> Iter<u32> { tracked(0..n) }
    fn count_batched(n: u32, batch: u32) -> Iter<u32> { tracked_batched(0..n, batch as usize) }
    /// Endless: 0, 1, 2, ...
    fn naturals() -> Iter<i64> { tracked(0..) }
    fn words(text: &str) -> Iter<String> {
        let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        tracked_batched(words.into_iter(), 16)
    }
    fn spots(n: i32) -> Iter<Spot> { tracked((0..n).map(|i| Spot { x: i, y: -i })) }
    fn suits() -> Iter<Suit> { tracked([Suit::Hearts, Suit::Spades, Suit::Hearts].into_iter()) }
    fn maybe_words(text: &str) -> Iter<Option<String>> {
        let words: Vec<Option<String>> =
            text.split(',').map(|w| (!w.is_empty()).then(|| w.to_owned())).collect();
        tracked(words.into_iter())
    }
    fn token_stream(n: i32, batch: u32) -> Iter<Token> {
        tracked_batched((0..n as i64).map(|i| Token::make(i, "streamed")), batch as usize)
    }
    /// 0, 1, ... and a panic when item `n` is computed.
    fn failing_after(n: i32) -> Iter<i32> {
        tracked((0..).map(move |i| if i == n { panic!("item {i} failed") } else { i }))
    }
    /// Counts `n` calls of `host.tick` as it goes: an iterator with a side effect per item.
    fn ticking(n: i32) -> Iter<i32> { tracked((0..n).inspect(|&i| tick(i))) }
    fn checked_count(n: i32) -> Result<Iter<i32>, String> {
        if n < 0 { Err(format!("negative count: {n}")) } else { Ok(tracked(0..n)) }
    }
}

wasmbridge::import! {
    module "host";
    fn inspect(token: &Token) -> String;
    fn edit(token: &mut Token);
    fn adopt(token: Token, note: i32);
    fn tick(i: i32);
}
