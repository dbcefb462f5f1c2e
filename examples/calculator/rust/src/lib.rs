//! The example application's Rust side: a small expression language. A tokenizer, a recursive-descent
//! parser to an AST, and an evaluator with variables, constants and built-in functions. Java uses it
//! through `Session`, a Rust object holding the variables, and a few free functions.
//!
//! Two functions are deliberately broken, to show what Java sees when Rust fails:
//! `token_at` panics on an index out of range (caught: the instance stays usable), and `crash` calls
//! `std::process::abort()` (a trap: the instance is terminated until the host resets it).

use std::collections::BTreeMap;
use std::fmt;

// ---------------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(f64),
    Ident(String),
    Op(char), // + - * / % ^ ( ) , =
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Number(n) => write!(f, "{}", format_number_text(*n)),
            Token::Ident(name) => write!(f, "{name}"),
            Token::Op(c) => write!(f, "{c}"),
        }
    }
}

fn lex(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            // an exponent: 1e3, 2.5E-4
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    i = j;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let literal: String = chars[start..i].iter().collect();
            let value = literal
                .parse::<f64>()
                .map_err(|_| format!("bad number '{literal}' at column {}", start + 1))?;
            tokens.push(Token::Number(value));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if "+-*/%^(),=".contains(c) {
            tokens.push(Token::Op(c));
            i += 1;
        } else {
            return Err(format!("unexpected character '{c}' at column {}", i + 1));
        }
    }
    Ok(tokens)
}

// ---------------------------------------------------------------------------------------------------
// Syntax tree and parser
//
//   statement  := IDENT '=' expr | expr
//   expr       := term (('+' | '-') term)*
//   term       := unary (('*' | '/' | '%') unary)*
//   unary      := '-' unary | power
//   power      := primary ('^' unary)?          (right-associative: 2^3^2 = 2^9)
//   primary    := NUMBER | IDENT | IDENT '(' args ')' | '(' expr ')'

#[derive(Debug)]
enum Expr {
    Number(f64),
    Variable(String),
    Negate(Box<Expr>),
    Binary(char, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

enum Statement {
    Assign(String, Expr),
    Expr(Expr),
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn eat(&mut self, op: char) -> bool {
        if self.peek() == Some(&Token::Op(op)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, op: char) -> Result<(), String> {
        match self.next() {
            Some(Token::Op(c)) if c == op => Ok(()),
            Some(other) => Err(format!("expected '{op}' but found '{other}'")),
            None => Err(format!("expected '{op}' but the input ended")),
        }
    }

    fn statement(&mut self) -> Result<Statement, String> {
        let statement = match (self.tokens.first(), self.tokens.get(1)) {
            (Some(Token::Ident(name)), Some(Token::Op('='))) => {
                let name = name.clone();
                self.pos = 2;
                Statement::Assign(name, self.expr()?)
            }
            _ => Statement::Expr(self.expr()?),
        };
        match self.peek() {
            None => Ok(statement),
            Some(token) => Err(format!("unexpected '{token}' after the end of the expression")),
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.term()?;
        loop {
            let op = if self.eat('+') {
                '+'
            } else if self.eat('-') {
                '-'
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.term()?));
        }
    }

    fn term(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat('*') {
                '*'
            } else if self.eat('/') {
                '/'
            } else if self.eat('%') {
                '%'
            } else {
                return Ok(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat('-') {
            Ok(Expr::Negate(Box::new(self.unary()?)))
        } else {
            self.power()
        }
    }

    fn power(&mut self) -> Result<Expr, String> {
        let base = self.primary()?;
        if self.eat('^') {
            Ok(Expr::Binary('^', Box::new(base), Box::new(self.unary()?)))
        } else {
            Ok(base)
        }
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Number(n)) => Ok(Expr::Number(n)),
            Some(Token::Ident(name)) => {
                if !self.eat('(') {
                    return Ok(Expr::Variable(name));
                }
                let mut args = Vec::new();
                if !self.eat(')') {
                    loop {
                        args.push(self.expr()?);
                        if self.eat(')') {
                            break;
                        }
                        self.expect(',')?;
                    }
                }
                Ok(Expr::Call(name, args))
            }
            Some(Token::Op('(')) => {
                let inner = self.expr()?;
                self.expect(')')?;
                Ok(inner)
            }
            Some(other) => Err(format!("unexpected '{other}'")),
            None => Err("unexpected end of input".to_owned()),
        }
    }
}

fn parse(text: &str) -> Result<Statement, String> {
    let tokens = lex(text)?;
    if tokens.is_empty() {
        return Err("empty input".to_owned());
    }
    Parser { tokens, pos: 0 }.statement()
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

fn constant(name: &str) -> Option<f64> {
    match name {
        "pi" => Some(std::f64::consts::PI),
        "e" => Some(std::f64::consts::E),
        "tau" => Some(std::f64::consts::TAU),
        _ => None,
    }
}

fn call(name: &str, args: &[f64]) -> Result<f64, String> {
    let unary = |f: fn(f64) -> f64| match args {
        [x] => Ok(f(*x)),
        _ => Err(format!("{name}() takes 1 argument, got {}", args.len())),
    };
    match name {
        "sqrt" => match args {
            [x] if *x < 0.0 => Err(format!("sqrt() of a negative number: {}", format_number_text(*x))),
            _ => unary(f64::sqrt),
        },
        "abs" => unary(f64::abs),
        "sin" => unary(f64::sin),
        "cos" => unary(f64::cos),
        "tan" => unary(f64::tan),
        "exp" => unary(f64::exp),
        "ln" => unary(f64::ln),
        "log10" => unary(f64::log10),
        "floor" => unary(f64::floor),
        "ceil" => unary(f64::ceil),
        "round" => unary(f64::round),
        "min" | "max" | "sum" | "avg" => {
            if args.is_empty() {
                return Err(format!("{name}() needs at least 1 argument"));
            }
            Ok(match name {
                "min" => args.iter().copied().fold(f64::INFINITY, f64::min),
                "max" => args.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                "sum" => args.iter().sum(),
                _ => args.iter().sum::<f64>() / args.len() as f64,
            })
        }
        _ => Err(format!("unknown function '{name}'")),
    }
}

fn eval(expr: &Expr, variables: &BTreeMap<String, f64>) -> Result<f64, String> {
    match expr {
        Expr::Number(n) => Ok(*n),
        Expr::Variable(name) => variables
            .get(name)
            .copied()
            .or_else(|| constant(name))
            .ok_or_else(|| format!("unknown variable '{name}'")),
        Expr::Negate(inner) => Ok(-eval(inner, variables)?),
        Expr::Binary(op, left, right) => {
            let (a, b) = (eval(left, variables)?, eval(right, variables)?);
            match op {
                '+' => Ok(a + b),
                '-' => Ok(a - b),
                '*' => Ok(a * b),
                '/' if b == 0.0 => Err("division by zero".to_owned()),
                '/' => Ok(a / b),
                '%' if b == 0.0 => Err("remainder by zero".to_owned()),
                '%' => Ok(a % b),
                '^' => Ok(a.powf(b)),
                _ => unreachable!("the parser only builds + - * / % ^"),
            }
        }
        Expr::Call(name, args) => {
            let values = args.iter().map(|a| eval(a, variables)).collect::<Result<Vec<_>, _>>()?;
            call(name, &values)
        }
    }
}

/// A number as a person would write it: integers without ".0", others with up to 10 decimals, very large
/// or very small ones in scientific notation.
fn format_number_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else if x.abs() >= 1e15 || (x != 0.0 && x.abs() < 1e-6) {
        format!("{x:e}")
    } else if x == x.trunc() {
        format!("{}", x as i64)
    } else {
        let text = format!("{x:.10}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

// ---------------------------------------------------------------------------------------------------
// What Java sees

/// A calculator session: variables persist from one `eval` to the next, and `ans` holds the last result.
pub struct Session {
    variables: BTreeMap<String, f64>,
    evaluations: i32,
}

wasmbridge::class! {
    impl Session {
        pub fn new() -> Session {
            Session { variables: BTreeMap::new(), evaluations: 0 }
        }

        /// Evaluates one line: an expression (`2 * (3 + 4)`) or an assignment (`x = 2 * pi`).
        pub fn eval(&mut self, text: &str) -> Result<f64, String> {
            let value = match parse(text)? {
                Statement::Assign(name, _) if constant(&name).is_some() => {
                    return Err(format!("cannot assign to the constant '{name}'"));
                }
                Statement::Assign(name, expr) => {
                    let value = eval(&expr, &self.variables)?;
                    self.variables.insert(name, value);
                    value
                }
                Statement::Expr(expr) => eval(&expr, &self.variables)?,
            };
            self.variables.insert("ans".to_owned(), value);
            self.evaluations += 1;
            Ok(value)
        }

        pub fn get(&self, name: &str) -> Option<f64> {
            self.variables.get(name).copied()
        }

        /// The variable names, sorted.
        pub fn variables(&self) -> Vec<String> {
            self.variables.keys().cloned().collect()
        }

        /// How many lines were evaluated successfully.
        pub fn evaluations(&self) -> i32 {
            self.evaluations
        }

        /// Removes every variable.
        pub fn clear(&mut self) {
            self.variables.clear();
        }
    }
}

wasmbridge::export! {
    /// Splits an expression into its tokens, e.g. `x = 2*(3+4)` -> `["x", "=", "2", "*", "(", ...]`.
    fn tokenize(text: &str) -> Result<Vec<String>, String> {
        Ok(lex(text)?.iter().map(Token::to_string).collect())
    }

    /// Evaluates an expression without a session (constants and functions only).
    fn evaluate(text: &str) -> Result<f64, String> {
        match parse(text)? {
            Statement::Assign(name, _) => Err(format!("cannot assign '{name}' without a session")),
            Statement::Expr(expr) => eval(&expr, &BTreeMap::new()),
        }
    }

    fn format_number(x: f64) -> String {
        format_number_text(x)
    }

    /// The token at `index`. A deliberate bug: it does not check the index, so an index past the end
    /// panics ("index out of bounds"), which Java catches as a RustPanicException.
    fn token_at(text: &str, index: i32) -> String {
        let tokens = lex(text).unwrap_or_default();
        tokens[index as usize].to_string()
    }

    /// A deliberate crash: `std::process::abort()` is a Wasm trap, which terminates the instance.
    fn crash(reason: &str) -> i32 {
        if !reason.is_empty() {
            std::process::abort();
        }
        0
    }
}

// The tests call the exported functions themselves: `export!` keeps them ordinary Rust functions.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(evaluate("1 + 2 * 3"), Ok(7.0));
        assert_eq!(evaluate("(1 + 2) * 3"), Ok(9.0));
        assert_eq!(evaluate("10 - 4 - 3"), Ok(3.0));
        assert_eq!(evaluate("2 ^ 3 ^ 2"), Ok(512.0));
        assert_eq!(evaluate("-2 ^ 2"), Ok(-4.0));
        assert_eq!(evaluate("7 % 4"), Ok(3.0));
        assert_eq!(evaluate("1.5e3 + .5"), Ok(1500.5));
    }

    #[test]
    fn functions_and_errors() {
        assert_eq!(evaluate("max(1, 5, 3) + min(2, -1)"), Ok(4.0));
        assert_eq!(evaluate("sqrt(1, 2)"), Err("sqrt() takes 1 argument, got 2".to_owned()));
        assert_eq!(evaluate("(1 + 2"), Err("expected ')' but the input ended".to_owned()));
        assert_eq!(evaluate("1 2"), Err("unexpected '2' after the end of the expression".to_owned()));
        assert_eq!(evaluate(""), Err("empty input".to_owned()));
        assert_eq!(evaluate("x = 1"), Err("cannot assign 'x' without a session".to_owned()));
    }

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize("x = 2*(3+4)"),
            Ok(["x", "=", "2", "*", "(", "3", "+", "4", ")"].map(String::from).to_vec())
        );
        assert_eq!(tokenize("2 $ 3"), Err("unexpected character '$' at column 3".to_owned()));
        assert_eq!(token_at("1 + 2", 2), "2");
    }

    /// The deliberate bug Java sees as a RustPanicException.
    #[test]
    #[should_panic(expected = "index out of bounds")]
    fn token_at_does_not_check_the_index() {
        token_at("1 + 2", 3);
    }

    #[test]
    fn sessions_keep_variables_and_ans() {
        let mut session = Session::new();
        assert_eq!(session.eval("x = 3"), Ok(3.0));
        assert_eq!(session.eval("x * x"), Ok(9.0));
        assert_eq!(session.get("ans"), Some(9.0));
        assert_eq!(session.variables(), vec!["ans".to_owned(), "x".to_owned()]);
    }

    #[test]
    fn numbers_format_like_a_person_writes_them() {
        assert_eq!(format_number(14.0), "14");
        assert_eq!(format_number_text(0.1 + 0.2), "0.3");
        assert_eq!(format_number_text(2e20), "2e20");
    }
}
