//! Test fixture for unwind safety: objects poisoned by a panic (or by a Java exception that unwinds Rust)
//! part-way through a change, which borrows poison, the `#[unwind_safe]` opt-out, a static that the `RESET`
//! panic policy must restore, and panic hooks a user installs before and after the support crate's.
//! Built as exnref, legacy and abort flavours from this one source.

use std::cell::{Cell, RefCell};
use std::panic::{self, PanicHookInfo};
use std::sync::atomic::{AtomicI32, Ordering};

thread_local! {
    /// The number of `Account`s alive, so the host can see poisoned ones being dropped.
    static LIVE_ACCOUNTS: Cell<i32> = const { Cell::new(0) };
}

/// A static that calls change before they panic: the `RESET` policy must bring it back to 0.
static BUMPS: AtomicI32 = AtomicI32::new(0);
/// How often each user hook ran.
static EARLY_HOOK_RUNS: AtomicI32 = AtomicI32::new(0);
static LATE_HOOK_RUNS: AtomicI32 = AtomicI32::new(0);

/// Plain data: a panicking `&mut self` method poisons it, a panicking `&self` one does not.
pub struct Account {
    balance: i64,
    history: Vec<i64>,
}

impl Account {
    fn open(balance: i64) -> Account {
        LIVE_ACCOUNTS.with(|live| live.set(live.get() + 1));
        Account { balance, history: Vec::new() }
    }
}

impl Drop for Account {
    fn drop(&mut self) {
        LIVE_ACCOUNTS.with(|live| live.set(live.get() - 1));
    }
}

wasmbridge::class! {
    impl Account {
        pub fn new(balance: i64) -> Account {
            Account::open(balance)
        }

        pub fn balance(&self) -> i64 {
            self.balance
        }

        /// The number of deposits recorded; always matches the balance's changes unless a panic cut one.
        pub fn deposits(&self) -> i32 {
            self.history.len() as i32
        }

        /// Changes the balance, then records the deposit; a negative amount panics in between, leaving the
        /// balance changed and the history not.
        pub fn deposit(&mut self, amount: i64) -> i64 {
            self.balance += amount;
            if amount < 0 {
                panic!("negative deposit {amount}");
            }
            self.history.push(amount);
            self.balance
        }

        /// A `&self` method that panics: a plain type is not poisoned by it.
        pub fn audit(&self, limit: i64) -> i64 {
            if self.balance > limit {
                panic!("balance {} over the limit {limit}", self.balance);
            }
            self.balance
        }

        /// Takes from `self`, then gives to `to`; overdrawing panics in between: both are poisoned.
        pub fn transfer(&mut self, to: &mut Account, amount: i64) -> i64 {
            self.balance -= amount;
            if self.balance < 0 {
                panic!("overdrawn by {}", -self.balance);
            }
            to.balance += amount;
            self.balance
        }

        /// Changes the balance, then asks the host; a Java exception there unwinds Rust and poisons.
        pub fn deposit_from_host(&mut self) -> i64 {
            self.balance += 1;
            let amount = host_amount();
            self.history.push(amount + 1);
            self.balance += amount;
            self.balance
        }
    }
}

/// Interior mutability: a panicking `&self` method poisons it.
pub struct Memo {
    entries: RefCell<Vec<String>>,
}

wasmbridge::class! {
    impl Memo {
        pub fn new() -> Memo {
            Memo { entries: RefCell::new(Vec::new()) }
        }

        /// Records `entry`; an empty one panics after it was recorded.
        pub fn remember(&self, entry: &str) -> i32 {
            self.entries.borrow_mut().push(entry.to_owned());
            if entry.is_empty() {
                panic!("empty entry");
            }
            self.size()
        }

        pub fn size(&self) -> i32 {
            self.entries.borrow().len() as i32
        }
    }
}

/// Interior mutability too, but its author vouches for it: never poisoned.
pub struct Tally {
    hits: Cell<i64>,
}

wasmbridge::class! {
    #[unwind_safe]
    impl Tally {
        pub fn new() -> Tally {
            Tally { hits: Cell::new(0) }
        }

        /// Counts a hit; with `fail`, panics after counting it.
        pub fn hit(&self, fail: bool) -> i64 {
            self.hits.set(self.hits.get() + 1);
            if fail {
                panic!("hit {} failed", self.hits.get());
            }
            self.hits.get()
        }

        /// Adds `n`; with `fail`, panics after adding.
        pub fn add(&mut self, n: i64, fail: bool) -> i64 {
            self.hits.set(self.hits.get() + n);
            if fail {
                panic!("add {n} failed");
            }
            self.hits.get()
        }

        pub fn hits(&self) -> i64 {
            self.hits.get()
        }
    }
}

wasmbridge::export! {
    fn live_accounts() -> i32 { LIVE_ACCOUNTS.with(|live| live.get()) }

    /// `&mut Account` as a parameter of a free function: poisoned like `&mut self`.
    fn drain(account: &mut Account, fail: bool) -> i64 {
        let drained = account.balance;
        account.balance = 0;
        if fail {
            panic!("drain of {drained} failed");
        }
        drained
    }

    /// Increments the static counter, then panics when asked to.
    fn bump(fail: bool) -> i32 {
        let bumps = BUMPS.fetch_add(1, Ordering::Relaxed) + 1;
        if fail {
            panic!("failed after bump {bumps}");
        }
        bumps
    }

    fn bumps() -> i32 { BUMPS.load(Ordering::Relaxed) }

    fn fail(message: &str) -> i32 { panic!("{message}") }

    /// Replaces the panic hook without chaining to the one installed (the support crate's).
    fn install_late_hook() {
        panic::set_hook(Box::new(|_: &PanicHookInfo<'_>| {
            LATE_HOOK_RUNS.fetch_add(1, Ordering::Relaxed);
        }));
    }

    fn early_hook_runs() -> i32 { EARLY_HOOK_RUNS.load(Ordering::Relaxed) }
    fn late_hook_runs() -> i32 { LATE_HOOK_RUNS.load(Ordering::Relaxed) }
}

/// Installs a panic hook before the support crate installs its own (on the first call of an export declared
/// with its macros): a plain export, outside the boundary. Call it first.
#[unsafe(no_mangle)]
pub extern "C" fn install_early_hook() {
    panic::set_hook(Box::new(|_: &PanicHookInfo<'_>| {
        EARLY_HOOK_RUNS.fetch_add(1, Ordering::Relaxed);
    }));
}

wasmbridge::import! {
    module "host";
    fn host_amount() -> i64;
}
