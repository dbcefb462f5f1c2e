//! Benchmark module: a large body of realistic Rust code, and a few small exports for call benchmarks.
//!
//! The bulk is generated: four kernel families (a delimited-number parser with statistics, a tokenizer
//! state machine, a key/value parser with a JSON-like renderer, and a `catch_unwind` wrapper) are
//! monomorphised for 12 number types and a list of constants `K` that change delimiters, limits and
//! arithmetic, so every instance is a distinct function. Each uses `Vec`, `String`, `format!`/`write!`,
//! `Result` with `?`, values with destructors (drop guards) and an occasional `panic!`, so under
//! `panic=unwind` its body is full of exception-handling code (legacy `try`/`catch`/`rethrow`/`delegate`
//! in the legacy build). All instances sit in a function table reached from the `run_kernel` export, so
//! link-time optimisation keeps them.
//!
//! The size of the module grows linearly with the list of constants in `for_each_k!` (9 of them give
//! 432 kernels and about 2.3 MB of Wasm in the legacy build; each build flavour takes 1.5 to 2 minutes on
//! two cores with the workspace's release profile).

use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt::{self, Display, Write as _};
use std::hint::black_box;
use std::panic::{self, AssertUnwindSafe};
use std::str::FromStr;

/// The compute kernels, shared with the native baseline crate `benchmarks/rust/compute-native`.
mod compute;

wasmbridge::export! {
    /// The cheapest possible call, for measuring the call overhead.
    fn add(a: i32, b: i32) -> i32 { a.wrapping_add(b) }

    /// A string round trip, for measuring the cost of moving strings across the boundary.
    fn echo(text: &str) -> String { text.to_owned() }

    /// FNV-1a over `data`, `rounds` times: a compute-bound loop for engine comparisons (see `compute`).
    fn fnv_hash_rounds(data: &[u8], rounds: i32) -> i64 { compute::fnv_hash_rounds(data, rounds) }

    /// The wrapping sum of comma-separated integers; -1 if one does not parse (see `compute`).
    fn parse_numbers(csv: &str) -> i64 { compute::parse_numbers(csv) }

    /// How many generated kernels the module has.
    fn kernel_count() -> i32 { kernels().count() as i32 }

    /// The name of kernel `index`, such as `csv_stats<u16, 5>`.
    fn kernel_name(index: i32) -> String {
        kernel(index).map(|(name, _)| name.to_owned()).unwrap_or_default()
    }

    /// Runs kernel `index` on `input`: its output, or `error: ...`. Some inputs make a kernel panic.
    fn run_kernel(index: i32, input: &str) -> String {
        let (_, run) = kernel(index).unwrap_or_else(|| panic!("no kernel {index}"));
        match run(input) {
            Ok(out) => out,
            Err(failure) => format!("error: {failure}"),
        }
    }

    /// Runs every kernel on `input` and returns a checksum of the outputs (panics are caught and counted).
    fn run_all_kernels(input: &str) -> i64 {
        let mut checksum = 0i64;
        for (_, run) in kernels() {
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(input)));
            let len = match outcome {
                Ok(Ok(out)) => out.len() as i64,
                Ok(Err(failure)) => failure.to_string().len() as i64 * 3,
                Err(_) => 7,
            };
            checksum = checksum.wrapping_mul(31).wrapping_add(len);
        }
        checksum
    }

    /// How many drop guards ran since the module started (drop guards also run during unwinding).
    fn guard_drops() -> i64 { GUARD_DROPS.with(|d| d.get()) as i64 }
}

// ---------------------------------------------------------------------------------------------------
// Errors and drop guards

#[derive(Debug)]
enum Failure {
    Empty(&'static str),
    Parse { at: usize, text: String, kind: &'static str },
    Range { at: usize, value: i128, kind: &'static str },
    Syntax { at: usize, found: char, state: &'static str },
    Recovered(String),
}

impl Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Empty(what) => write!(f, "no {what} in the input"),
            Failure::Parse { at, text, kind } => write!(f, "field {at}: {text:?} is not a {kind}"),
            Failure::Range { at, value, kind } => write!(f, "field {at}: {value} does not fit a {kind}"),
            Failure::Syntax { at, found, state } => write!(f, "offset {at}: unexpected {found:?} in {state}"),
            Failure::Recovered(message) => write!(f, "recovered from a panic: {message}"),
        }
    }
}

thread_local! {
    static GUARD_DROPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts its steps and records them when dropped, on the normal path and while unwinding.
struct Guard {
    what: &'static str,
    k: u32,
    steps: u64,
}

impl Guard {
    fn new(what: &'static str, k: u32) -> Guard {
        Guard { what, k, steps: 0 }
    }

    fn step(&mut self, n: usize) {
        self.steps = self.steps.wrapping_add(n as u64 + 1);
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let weight = self.what.len() as u64 + self.k as u64;
        GUARD_DROPS.with(|d| d.set(d.get().wrapping_add(weight + self.steps)));
    }
}

// ---------------------------------------------------------------------------------------------------
// Number types the kernels are generic over

trait Num: Copy + Default + PartialOrd + Display + fmt::Debug + FromStr + 'static {
    const NAME: &'static str;
    fn wide(self) -> i128;
    fn narrow(value: i128) -> Option<Self>;
    fn mix(self, other: Self, k: u32) -> Self;
}

macro_rules! int_num {
    ($($t:ident)*) => {$(
        impl Num for $t {
            const NAME: &'static str = stringify!($t);
            fn wide(self) -> i128 { self as i128 }
            fn narrow(value: i128) -> Option<$t> { <$t>::try_from(value).ok() }
            fn mix(self, other: $t, k: u32) -> $t {
                self.wrapping_mul(other | 1).rotate_left(k % 7 + 1).wrapping_add(other ^ (k as $t))
            }
        }
    )*};
}

macro_rules! float_num {
    ($($t:ident)*) => {$(
        impl Num for $t {
            const NAME: &'static str = stringify!($t);
            fn wide(self) -> i128 { self as i128 }
            fn narrow(value: i128) -> Option<$t> { Some(value as $t) }
            fn mix(self, other: $t, k: u32) -> $t { self * 0.5 + other * (k as $t + 1.0) / 3.0 }
        }
    )*};
}

int_num!(u8 i8 u16 i16 u32 i32 u64 i64 u128 i128);
float_num!(f32 f64);

const DELIMITERS: [char; 5] = [',', ';', '|', ' ', '\t'];
const ASSIGN: [char; 3] = ['=', ':', '>'];
const QUOTES: [char; 2] = ['"', '\''];
const COMMENTS: [char; 3] = ['#', '%', '!'];

fn parse_field<T: Num>(at: usize, field: &str) -> Result<T, Failure> {
    match field.parse::<T>() {
        Ok(value) => Ok(value),
        Err(_) => match field.parse::<i128>() {
            Ok(value) => Err(Failure::Range { at, value, kind: T::NAME }),
            Err(_) => Err(Failure::Parse { at, text: field.to_owned(), kind: T::NAME }),
        },
    }
}

// ---------------------------------------------------------------------------------------------------
// Kernel family 1: delimited numbers, statistics, formatted report

#[inline(never)]
fn csv_stats<T: Num, const K: u32>(input: &str) -> Result<String, Failure> {
    let delimiter = DELIMITERS[K as usize % DELIMITERS.len()];
    let limit = 40 + K as usize * 3;
    let mut guard = Guard::new("csv_stats", K);
    let mut values: Vec<T> = Vec::with_capacity(8);
    for (at, field) in input.split(delimiter).enumerate() {
        let field = field.trim();
        if field.is_empty() {
            if K.is_multiple_of(3) {
                return Err(Failure::Empty("field"));
            }
            continue;
        }
        let value = parse_field::<T>(at, field)?;
        if values.len() >= limit {
            panic!("csv_stats<{}, {}>: more than {} values (at field {})", T::NAME, K, limit, at);
        }
        guard.step(at);
        values.push(value);
    }
    if values.is_empty() {
        return Err(Failure::Empty(T::NAME));
    }
    let mut acc = values[0];
    let (mut min, mut max) = (values[0], values[0]);
    let mut total: i128 = 0;
    for &v in &values[1..] {
        acc = acc.mix(v, K);
        if v < min {
            min = v;
        }
        if v > max {
            max = v;
        }
        total = total.wrapping_add(v.wide().wrapping_mul(K as i128 + 1));
    }
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    let median = values[values.len() / 2];
    let rank: Vec<String> = values.iter().rev().take(3 + K as usize % 4).map(|v| format!("{v:?}")).collect();
    let mut out = String::with_capacity(96);
    write!(
        out,
        "{}<{}> n={} min={} max={} median={} acc={:?} total={}",
        T::NAME,
        K,
        values.len(),
        min,
        max,
        median,
        acc,
        total
    )
    .unwrap();
    write!(out, " top=[{}]", rank.join(if K.is_multiple_of(2) { ", " } else { "|" })).unwrap();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------
// Kernel family 2: a tokenizer state machine

enum Token<T> {
    Number(T),
    Word(String),
    Text(String),
    Symbol(char),
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Start,
    Number,
    Word,
    Text,
    Comment,
}

impl State {
    fn name(self) -> &'static str {
        match self {
            State::Start => "start",
            State::Number => "number",
            State::Word => "word",
            State::Text => "text",
            State::Comment => "comment",
        }
    }
}

#[inline(never)]
fn tokenize<T: Num, const K: u32>(input: &str) -> Result<String, Failure> {
    let quote = QUOTES[K as usize % QUOTES.len()];
    let comment = COMMENTS[K as usize % COMMENTS.len()];
    let limit = 64 + K as usize * 5;
    let mut guard = Guard::new("tokenize", K);
    let mut tokens: Vec<Token<T>> = Vec::new();
    let mut buffer = String::new();
    let mut state = State::Start;
    let mut start = 0;
    for (at, c) in input.char_indices().chain(std::iter::once((input.len(), '\n'))) {
        if tokens.len() > limit {
            panic!("tokenize<{}, {}>: more than {} tokens at offset {}", T::NAME, K, limit, at);
        }
        guard.step(at);
        state = match state {
            State::Start => {
                buffer.clear();
                start = at;
                match c {
                    c if c.is_ascii_digit() || (c == '-' && K % 2 == 1) => {
                        buffer.push(c);
                        State::Number
                    }
                    c if c.is_alphabetic() || c == '_' => {
                        buffer.push(c);
                        State::Word
                    }
                    c if c == quote => State::Text,
                    c if c == comment => State::Comment,
                    c if c.is_whitespace() => State::Start,
                    c if c.is_ascii_punctuation() => {
                        tokens.push(Token::Symbol(c));
                        State::Start
                    }
                    c => return Err(Failure::Syntax { at, found: c, state: state.name() }),
                }
            }
            State::Number => {
                if c.is_ascii_digit() || c == '.' || c == 'e' {
                    buffer.push(c);
                    State::Number
                } else if c.is_alphabetic() {
                    return Err(Failure::Syntax { at, found: c, state: state.name() });
                } else {
                    tokens.push(Token::Number(parse_field::<T>(start, &buffer)?));
                    if c.is_ascii_punctuation() && c != quote && c != comment {
                        tokens.push(Token::Symbol(c));
                    }
                    State::Start
                }
            }
            State::Word => {
                if c.is_alphanumeric() || c == '_' {
                    buffer.push(c);
                    State::Word
                } else {
                    let word = if K % 3 == 1 { buffer.to_uppercase() } else { buffer.clone() };
                    tokens.push(Token::Word(word));
                    if c.is_ascii_punctuation() {
                        tokens.push(Token::Symbol(c));
                    }
                    State::Start
                }
            }
            State::Text => {
                if c == quote {
                    tokens.push(Token::Text(std::mem::take(&mut buffer)));
                    State::Start
                } else if c == '\n' && at == input.len() {
                    return Err(Failure::Syntax { at, found: c, state: state.name() });
                } else {
                    buffer.push(c);
                    State::Text
                }
            }
            State::Comment => {
                if c == '\n' {
                    State::Start
                } else {
                    State::Comment
                }
            }
        };
    }
    let mut out = String::with_capacity(tokens.len() * 6);
    let mut numbers = 0i128;
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(if K.is_multiple_of(2) { ' ' } else { ',' });
        }
        match token {
            Token::Number(v) => {
                numbers = numbers.wrapping_add(v.wide());
                write!(out, "n:{v}").unwrap();
            }
            Token::Word(w) => write!(out, "w:{w}").unwrap(),
            Token::Text(t) => write!(out, "t:{t:?}").unwrap(),
            Token::Symbol(s) => write!(out, "s:{s}").unwrap(),
        }
    }
    write!(out, " ; {} tokens, sum {} as {}", tokens.len(), numbers, T::NAME).unwrap();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------
// Kernel family 3: key/value pairs, sorted and rendered as a JSON-like object

#[inline(never)]
fn kv_render<T: Num, const K: u32>(input: &str) -> Result<String, Failure> {
    let separator = DELIMITERS[(K as usize + 1) % DELIMITERS.len()];
    let assign = ASSIGN[K as usize % ASSIGN.len()];
    let max_key = 12 + K as usize;
    let mut guard = Guard::new("kv_render", K);
    let mut pairs: Vec<(String, T)> = Vec::new();
    for (at, item) in input.split(separator).enumerate() {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (key, value) = item.split_once(assign).ok_or_else(|| Failure::Syntax {
            at,
            found: item.chars().find(|c| !c.is_alphanumeric()).unwrap_or(' '),
            state: "pair",
        })?;
        let key = key.trim();
        if key.len() > max_key {
            panic!("kv_render<{}, {}>: key {:?} is longer than {} bytes", T::NAME, K, key, max_key);
        }
        let value = parse_field::<T>(at, value.trim())?;
        let value = match T::narrow(value.wide().wrapping_add(K as i128 % 3)) {
            Some(v) => v,
            None => value,
        };
        guard.step(key.len());
        pairs.push((key.to_owned(), value));
    }
    if pairs.is_empty() {
        return Err(Failure::Empty("pair"));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.partial_cmp(&b.1).unwrap_or(Ordering::Equal)));
    pairs.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::from("{");
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push_str(if K.is_multiple_of(2) { ", " } else { "," });
        }
        write!(out, "\"{}\": {}", key.escape_default(), value).unwrap();
    }
    out.push('}');
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------
// Kernel family 4: catch_unwind around the other families, with guards alive across the calls

#[inline(never)]
fn guarded<T: Num, const K: u32>(input: &str) -> Result<String, Failure> {
    let mut outer = Guard::new("guarded", K);
    let first = panic::catch_unwind(AssertUnwindSafe(|| {
        let _inner = Guard::new("guarded.inner", K);
        if K.is_multiple_of(2) {
            csv_stats::<T, K>(input)
        } else {
            kv_render::<T, K>(input)
        }
    }));
    outer.step(input.len());
    match first {
        Ok(Ok(out)) => Ok(format!("ok({}): {out}", T::NAME)),
        Ok(Err(failure)) => {
            let retry = tokenize::<T, K>(black_box(input))?;
            Ok(format!("retried after \"{failure}\": {retry}"))
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Failure::Recovered(message))
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The kernel table: every family for every number type and every K

type Kernel = fn(&str) -> Result<String, Failure>;

/// The constants each family is instantiated with, per number type. The module grows linearly with it.
macro_rules! for_each_k {
    ($callback:ident!($t:ident)) => {
        $callback!($t; 0 1 2 3 4 5 6 7 8)
    };
}

macro_rules! kernel_row {
    ($t:ident; $($k:literal)*) => {
        &[$(
            (concat!("csv_stats<", stringify!($t), ", ", $k, ">"), csv_stats::<$t, $k> as Kernel),
            (concat!("tokenize<", stringify!($t), ", ", $k, ">"), tokenize::<$t, $k> as Kernel),
            (concat!("kv_render<", stringify!($t), ", ", $k, ">"), kv_render::<$t, $k> as Kernel),
            (concat!("guarded<", stringify!($t), ", ", $k, ">"), guarded::<$t, $k> as Kernel),
        )*]
    };
}

macro_rules! kernel_table {
    ($($t:ident)*) => {
        &[$(for_each_k!(kernel_row!($t))),*]
    };
}

static KERNELS: &[&[(&str, Kernel)]] = kernel_table!(u8 i8 u16 i16 u32 i32 u64 i64 u128 i128 f32 f64);

fn kernels() -> impl Iterator<Item = (&'static str, Kernel)> {
    KERNELS.iter().flat_map(|row| row.iter().copied())
}

fn kernel(index: i32) -> Option<(&'static str, Kernel)> {
    usize::try_from(index).ok().and_then(|i| kernels().nth(i))
}
