//! Async Rust (ABI.md, "Async"): a small single-threaded executor, one per instance, that runs the futures
//! of `async fn` exports, and [`JavaFuture`], a Java `CompletableFuture` Rust awaits.
//!
//! Tasks live in a slab whose slots carry a generation, so a task id (`generation << 32 | index`) the host
//! keeps after the task ended never reaches another task. A task's waker puts its id on the ready queue
//! (once, until the task runs again); the executor polls ready tasks until none is ready. A finished
//! task's outcome (its value in the value encoding, an `Err`'s type and text, or a panic's message) waits
//! in its slot until the host takes it (`wasmbridge_task_take`), or the host drops the task
//! (`wasmbridge_task_cancel`), which drops the future, so its destructors run.
//!
//! Nothing here runs on its own: the host drives the executor from its export calls (an async export runs
//! ready tasks after it spawns its own, `wasmbridge_future_complete` after it delivers a Java future's
//! outcome), under the instance's lock. No borrow of the executor is held while a future runs, so a
//! future may call an import that calls an export again.

use crate::abi::{TakeFromHost, Wire};
use crate::slice::Slice;
use crate::text::{Describe, TypeName};
use crate::value::{decode_exact_as, encode_to_vec, Decode, Encode};
use crate::{host, panic};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt::{self, Display};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// What a finished task hands the host.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The value, in the value encoding.
    Value(Vec<u8>),
    /// The future returned `Err(e)`: the type of `e` and its `Display` text.
    Error(&'static str, String),
    /// The future panicked: the message, as a panic of a sync export reports it.
    Panic(String),
    /// A Java import the future called threw, and the exception unwound the future; the host kept it.
    JavaException,
}

/// The output of an `async fn` export: a value (`T`, encoded) or a `Result<T, E>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the result of an async function Java calls",
    label = "not a result an async export can return",
    note = "async results can be: (), bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration!/data_enum! types (owned, encodable), or Result<T, E: Display> of those"
)]
pub trait TaskOutput: 'static {
    /// The type the signatures section shows inside `Future<...>`.
    const NAME: TypeName;
    /// What the host gets.
    fn into_outcome(self) -> Outcome;
}

impl<T: Encode + Describe + 'static> TaskOutput for T {
    const NAME: TypeName = T::NAME;
    fn into_outcome(self) -> Outcome {
        Outcome::Value(encode_to_vec(&self))
    }
}

impl<T: Encode + Describe + 'static, E: Display + 'static> TaskOutput for Result<T, E> {
    const NAME: TypeName = <Result<T, E> as Describe>::NAME;
    fn into_outcome(self) -> Outcome {
        match self {
            Ok(value) => Outcome::Value(encode_to_vec(&value)),
            Err(error) => Outcome::Error(std::any::type_name::<E>(), error.to_string()),
        }
    }
}

/// The result type of an `async fn` export in the signatures section: `Future<R>`. Not for direct use.
pub struct AsyncResult<R>(PhantomData<R>);

impl<R: TaskOutput> Describe for AsyncResult<R> {
    const NAME: TypeName = TypeName::of("Future<").push_text(&R::NAME).push(">");
}

type Boxed = Pin<Box<dyn Future<Output = Outcome>>>;

enum State {
    Free,
    /// Waiting to be polled; the future is taken out while it runs.
    Pending(Boxed, Arc<TaskWaker>),
    /// Taken out by the run loop (or dropped by a cancel while it ran: then `Free` when it comes back).
    Running(Arc<TaskWaker>),
    Done(Outcome),
}

struct Slot {
    generation: u32,
    state: State,
}

/// Puts its task on the ready queue, once until the task runs again.
struct TaskWaker {
    id: u64,
    queued: AtomicBool,
    queue: Arc<Mutex<VecDeque<u64>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            self.queue.lock().unwrap_or_else(|e| e.into_inner()).push_back(self.id);
        }
    }
}

/// The task slab and the ready queue.
#[derive(Default)]
pub struct Executor {
    slots: Vec<Slot>,
    free: Vec<u32>,
    queue: Arc<Mutex<VecDeque<u64>>>,
}

fn split(id: u64) -> (usize, u32) {
    ((id & 0xffff_ffff) as usize, (id >> 32) as u32)
}

impl Executor {
    /// Adds a task, ready to run; returns its id (never 0).
    pub fn spawn(&mut self, future: Boxed) -> u64 {
        let index = match self.free.pop() {
            Some(index) => index as usize,
            None => {
                self.slots.push(Slot { generation: 0, state: State::Free });
                self.slots.len() - 1
            }
        };
        let slot = &mut self.slots[index];
        slot.generation = slot.generation.wrapping_add(1).max(1);
        let id = (u64::from(slot.generation) << 32) | index as u64;
        let waker =
            Arc::new(TaskWaker { id, queued: AtomicBool::new(false), queue: Arc::clone(&self.queue) });
        waker.wake_by_ref();
        slot.state = State::Pending(future, waker);
        id
    }

    fn slot(&mut self, id: u64) -> Option<&mut Slot> {
        let (index, generation) = split(id);
        self.slots
            .get_mut(index)
            .filter(|slot| slot.generation == generation && !matches!(slot.state, State::Free))
    }

    fn release(&mut self, id: u64) {
        let (index, _) = split(id);
        self.slots[index].state = State::Free;
        self.free.push(index as u32);
    }

    /// The next ready task's future, taken out of its slot, or None when no task is ready.
    fn next_ready(&mut self) -> Option<(u64, Boxed, Waker)> {
        loop {
            let id = self.queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front()?;
            let Some(slot) = self.slot(id) else { continue };
            let State::Pending(_, waker) = &slot.state else { continue };
            let waker = Arc::clone(waker);
            let State::Pending(future, _) =
                std::mem::replace(&mut slot.state, State::Running(Arc::clone(&waker)))
            else {
                unreachable!()
            };
            waker.queued.store(false, Ordering::Release);
            return Some((id, future, Waker::from(waker)));
        }
    }

    /// Puts back a future that is still pending, or records the outcome of one that finished. Returns
    /// whether the task finished (and was not cancelled meanwhile).
    fn put_back(&mut self, id: u64, result: Result<Boxed, Outcome>) -> bool {
        let Some(slot) = self.slot(id) else { return false };
        let State::Running(waker) = std::mem::replace(&mut slot.state, State::Free) else { return false };
        match result {
            Ok(future) => {
                slot.state = State::Pending(future, waker);
                false
            }
            Err(outcome) => {
                slot.state = State::Done(outcome);
                true
            }
        }
    }

    /// Takes the outcome of a finished task and frees its slot; None if it has not finished or is unknown.
    pub fn take(&mut self, id: u64) -> Option<Outcome> {
        let slot = self.slot(id)?;
        if !matches!(slot.state, State::Done(_)) {
            return None;
        }
        let State::Done(outcome) = std::mem::replace(&mut slot.state, State::Free) else { unreachable!() };
        self.release(id);
        Some(outcome)
    }

    /// Removes a task; returns its future (to be dropped by the caller, outside any borrow) if it had one.
    pub fn cancel(&mut self, id: u64) -> Option<Boxed> {
        let slot = self.slot(id)?;
        match std::mem::replace(&mut slot.state, State::Free) {
            State::Pending(future, _) => {
                self.release(id);
                Some(future)
            }
            State::Running(_) => {
                // dropped when the run loop puts it back: the slot is Free now, and put_back finds no task
                self.release(id);
                None
            }
            _ => {
                self.release(id);
                None
            }
        }
    }

    /// The number of tasks that are not free (pending, running or finished and not taken).
    #[cfg(test)]
    pub fn live_tasks(&self) -> usize {
        self.slots.iter().filter(|slot| !matches!(slot.state, State::Free)).count()
    }
}

thread_local! {
    static EXECUTOR: RefCell<Executor> = RefCell::default();
}

/// Polls `future` once; a panic (or a Java exception) becomes the outcome, after the future was dropped.
fn poll_once(future: &mut Boxed, waker: &Waker) -> Poll<Outcome> {
    let mut context = Context::from_waker(waker);
    match panic::catch_task(|| future.as_mut().poll(&mut context)) {
        Ok(poll) => poll,
        Err(Some(message)) => Poll::Ready(Outcome::Panic(message)),
        Err(None) => Poll::Ready(Outcome::JavaException),
    }
}

/// Runs ready tasks until none is ready; `done(id, java_threw)` is told each task that finished.
pub fn run_ready(done: &mut dyn FnMut(u64, bool)) {
    while let Some((id, mut future, waker)) = EXECUTOR.with(|e| e.borrow_mut().next_ready()) {
        match poll_once(&mut future, &waker) {
            Poll::Ready(outcome) => {
                drop_future(future); // before the host hears of it: its destructors belong to the task
                let java = outcome == Outcome::JavaException;
                if EXECUTOR.with(|e| e.borrow_mut().put_back(id, Err(outcome))) {
                    done(id, java);
                }
            }
            Poll::Pending => {
                let cancelled = EXECUTOR.with(|e| {
                    let mut executor = e.borrow_mut();
                    if executor.slot(id).is_some() {
                        executor.put_back(id, Ok(future));
                        None
                    } else {
                        Some(future) // cancelled while it ran
                    }
                });
                if let Some(future) = cancelled {
                    drop_future(future);
                }
            }
        }
    }
}

/// Drops a future outside any borrow of the executor; a panicking destructor is caught (its message is
/// lost: the task already has its outcome, or was cancelled).
fn drop_future(future: Boxed) {
    let _ = panic::catch_task(move || drop(future));
}

/// Spawns a task and runs ready tasks; returns the task id.
pub fn spawn(future: Boxed) -> u64 {
    let id = EXECUTOR.with(|e| e.borrow_mut().spawn(future));
    run_ready(&mut |task, java| imports::task_done(task, java));
    id
}

/// What an `async fn` export's shim runs: spawns the future, polls it (and every other ready task), and
/// returns the task id for the host. Not for direct use.
pub fn spawn_export<F>(future: F) -> i64
where
    F: Future + 'static,
    F::Output: TaskOutput,
{
    spawn(Box::pin(async move { future.await.into_outcome() })) as i64
}

/// `wasmbridge_task_take(task) -> slice`: the value of a finished task, handed over (the host frees it);
/// an `Err` is reported with `wasmbridge.error` and a panic with `wasmbridge.panic`, as a sync export's.
// Called by the Wasm exports below (and the unit tests).
#[cfg_attr(not(any(target_family = "wasm", test)), allow(dead_code))]
fn take(task: u64) -> i64 {
    match EXECUTOR.with(|e| e.borrow_mut().take(task)) {
        Some(Outcome::Value(bytes)) => Slice::leak(bytes.into_boxed_slice()).pack(),
        Some(Outcome::Error(type_name, message)) => {
            host::error(type_name, &message);
            0
        }
        Some(Outcome::Panic(message)) => {
            host::panic(&message);
            0
        }
        Some(Outcome::JavaException) => 0,
        None => panic!("wasmbridge_task_take: task {task:#x} has not finished, or was taken or cancelled"),
    }
}

/// `wasmbridge_task_cancel(task)`: drops the task (its future's destructors run; nothing for an unknown one),
/// then runs the tasks that became ready.
// Called by the Wasm exports below (and the unit tests).
#[cfg_attr(not(any(target_family = "wasm", test)), allow(dead_code))]
fn cancel(task: u64) {
    if let Some(future) = EXECUTOR.with(|e| e.borrow_mut().cancel(task)) {
        drop(future); // inside the export's boundary: a panicking destructor is reported as a panic
    }
    // a destructor may have woken other tasks (a dropped sender, a released lock)
    run_ready(&mut |task, java| imports::task_done(task, java));
}

// ---- Java futures ---------------------------------------------------------------------------------------

/// A Java future that failed: the exception's class and message, as Rust sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JavaError {
    class_name: String,
    message: String,
}

impl JavaError {
    /// The exception's class, as `Class.getName()` gives it (`java.io.IOException`).
    pub fn class_name(&self) -> &str {
        &self.class_name
    }

    /// The exception's message (empty when it had none).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Display for JavaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class_name, self.message)
    }
}

impl std::error::Error for JavaError {}

/// A Java future Rust has not seen complete yet, or the outcome the host delivered.
#[derive(Default)]
struct Awaited {
    outcome: Option<Result<Vec<u8>, JavaError>>,
    waker: Option<Waker>,
}

thread_local! {
    static AWAITED: RefCell<BTreeMap<u64, Awaited>> = RefCell::default();
}

/// A Java `CompletableFuture<T>` returned by an import, awaited in Rust: `.await` gives `Ok(value)` when it
/// completes normally and `Err(JavaError)` when it completes exceptionally (or is cancelled).
///
/// Only the executor of `async fn` exports polls it: the host delivers the outcome through an export call
/// (on the thread that completed the Java future, under the instance's lock), and the awaiting task runs
/// then. Dropping it before it completes tells the host to forget the Java future.
///
/// ```ignore
/// wasmbridge::import! {
///     module "host";
///     fn fetch(key: &str) -> wasmbridge::JavaFuture<String>;
/// }
///
/// wasmbridge::export! {
///     async fn fetch_len(key: String) -> Result<u32, wasmbridge::JavaError> {
///         Ok(fetch(&key).await?.len() as u32)
///     }
/// }
/// ```
pub struct JavaFuture<T> {
    id: u64,
    done: bool,
    _value: PhantomData<fn() -> T>,
}

impl<T> JavaFuture<T> {
    fn new(id: u64) -> Self {
        AWAITED.with(|a| a.borrow_mut().insert(id, Awaited::default()));
        JavaFuture { id, done: false, _value: PhantomData }
    }
}

impl<T: Decode + Describe> Future for JavaFuture<T> {
    type Output = Result<T, JavaError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        assert!(!self.done, "a JavaFuture was polled after it completed");
        let id = self.id;
        let outcome = AWAITED.with(|a| {
            let mut awaited = a.borrow_mut();
            let entry = awaited.entry(id).or_default();
            match entry.outcome.take() {
                Some(outcome) => {
                    awaited.remove(&id);
                    Some(outcome)
                }
                None => {
                    entry.waker = Some(cx.waker().clone());
                    None
                }
            }
        });
        match outcome {
            None => Poll::Pending,
            Some(outcome) => {
                self.done = true;
                Poll::Ready(outcome.map(|bytes| decode_exact_as(&bytes, T::NAME.as_str())))
            }
        }
    }
}

impl<T> Drop for JavaFuture<T> {
    fn drop(&mut self) {
        if !self.done {
            AWAITED.with(|a| a.borrow_mut().remove(&self.id));
            imports::future_dropped(self.id);
        }
    }
}

impl<T> Wire for JavaFuture<T> {
    type Abi = i64;
}

impl<T: Decode + Describe> TakeFromHost for JavaFuture<T> {
    unsafe fn take_from_host(abi: i64) -> Self {
        JavaFuture::new(abi as u64)
    }
}

impl<T: Describe> Describe for JavaFuture<T> {
    const NAME: TypeName = TypeName::of("Future<").push_text(&T::NAME).push(">");
}

/// `wasmbridge_future_complete(id, failed, value)`: the host delivers a Java future's outcome (the value
/// in the value encoding, or the exception's class and message as two strings), then runs ready tasks.
// Called by the Wasm exports below (and the unit tests).
#[cfg_attr(not(any(target_family = "wasm", test)), allow(dead_code))]
fn complete(id: u64, failed: bool, bytes: &[u8]) {
    let outcome = if failed {
        let mut parts: Vec<String> = decode_exact_as(bytes, "the exception of a Java future");
        let message = if parts.len() == 2 { parts.pop().unwrap_or_default() } else { String::new() };
        let class_name = parts.into_iter().next().unwrap_or_default();
        Err(JavaError { class_name, message })
    } else {
        Ok(bytes.to_vec())
    };
    let waker = AWAITED.with(|a| {
        let mut awaited = a.borrow_mut();
        // a future Rust dropped meanwhile is not waited for: forget the outcome
        awaited.get_mut(&id).map(|entry| {
            entry.outcome = Some(outcome);
            entry.waker.take()
        })
    });
    if let Some(Some(waker)) = waker {
        waker.wake();
    }
    run_ready(&mut |task, java| imports::task_done(task, java));
}

// ---- The wire -------------------------------------------------------------------------------------------

#[cfg(target_family = "wasm")]
mod imports {
    #[link(wasm_import_module = "wasmbridge")]
    unsafe extern "C" {
        #[link_name = "task_done"]
        fn host_task_done(task: i64, java_threw: i32);
        #[link_name = "future_dropped"]
        fn host_future_dropped(id: i64);
    }

    pub fn task_done(task: u64, java_threw: bool) {
        // SAFETY: a plain signal to the host.
        unsafe { host_task_done(task as i64, i32::from(java_threw)) }
    }

    pub fn future_dropped(id: u64) {
        // SAFETY: a plain signal to the host.
        unsafe { host_future_dropped(id as i64) }
    }
}

#[cfg(not(target_family = "wasm"))]
mod imports {
    use std::cell::RefCell;

    thread_local! {
        pub static DONE: RefCell<Vec<(u64, bool)>> = const { RefCell::new(Vec::new()) };
        pub static DROPPED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    }

    pub fn task_done(task: u64, java_threw: bool) {
        DONE.with(|d| d.borrow_mut().push((task, java_threw)));
    }

    pub fn future_dropped(id: u64) {
        DROPPED.with(|d| d.borrow_mut().push(id));
    }
}

#[cfg(target_family = "wasm")]
mod exports {
    use crate::slice::Slice;

    #[unsafe(export_name = "wasmbridge_task_take")]
    extern "C-unwind" fn task_take(task: i64) -> i64 {
        crate::panic::export_call(move || super::take(task as u64))
    }

    #[unsafe(export_name = "wasmbridge_task_cancel")]
    extern "C-unwind" fn task_cancel(task: i64) {
        crate::panic::export_call(move || super::cancel(task as u64))
    }

    #[unsafe(export_name = "wasmbridge_future_complete")]
    extern "C-unwind" fn future_complete(id: i64, failed: i32, value: i64) {
        crate::panic::export_call(move || {
            // SAFETY: the host lends the bytes for this call.
            let bytes = unsafe { Slice::unpack(value).as_bytes() };
            super::complete(id as u64, failed != 0, bytes)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    fn done() -> Vec<(u64, bool)> {
        imports::DONE.with(|d| std::mem::take(&mut *d.borrow_mut()))
    }

    /// A future that is pending until its flag is set, and counts its drops.
    struct Gate {
        open: Rc<Cell<bool>>,
        waker: Rc<RefCell<Option<Waker>>>,
        drops: Rc<Cell<u32>>,
    }

    impl Future for Gate {
        type Output = u32;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
            if self.open.get() {
                Poll::Ready(7)
            } else {
                *self.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }

    impl Drop for Gate {
        fn drop(&mut self) {
            self.drops.set(self.drops.get() + 1);
        }
    }

    #[test]
    fn a_ready_future_finishes_in_the_spawning_call() {
        let id = spawn_export(async { String::from("hi") });
        assert_eq!(done(), vec![(id as u64, false)]);
        assert_eq!(
            EXECUTOR.with(|e| e.borrow_mut().take(id as u64)),
            Some(Outcome::Value(encode_to_vec("hi")))
        );
        assert_eq!(EXECUTOR.with(|e| e.borrow_mut().take(id as u64)), None, "taken once");
    }

    #[test]
    fn a_waiting_future_runs_when_woken_and_errors_cross_as_errors() {
        let open = Rc::new(Cell::new(false));
        let waker = Rc::new(RefCell::new(None));
        let drops = Rc::new(Cell::new(0));
        let gate = Gate { open: open.clone(), waker: waker.clone(), drops: drops.clone() };
        let id = spawn_export(async move {
            let n = gate.await;
            if n == 7 {
                Err::<u32, String>("seven".into())
            } else {
                Ok(n)
            }
        }) as u64;
        assert!(done().is_empty());
        open.set(true);
        waker.borrow_mut().take().unwrap().wake();
        run_ready(&mut |task, java| imports::task_done(task, java));
        assert_eq!(done(), vec![(id, false)]);
        assert_eq!(drops.get(), 1, "the finished future was dropped");
        let type_name = std::any::type_name::<String>();
        assert_eq!(
            EXECUTOR.with(|e| e.borrow_mut().take(id)),
            Some(Outcome::Error(type_name, "seven".into()))
        );
    }

    #[test]
    fn a_cancelled_task_drops_its_future_and_its_id_goes_stale() {
        let drops = Rc::new(Cell::new(0));
        let gate = Gate { open: Rc::new(Cell::new(false)), waker: Rc::default(), drops: drops.clone() };
        let id = spawn_export(gate) as u64;
        let live = EXECUTOR.with(|e| e.borrow().live_tasks());
        cancel(id);
        assert_eq!(drops.get(), 1, "destructors ran");
        assert_eq!(EXECUTOR.with(|e| e.borrow().live_tasks()), live - 1);
        let next = spawn_export(async { 1u8 }) as u64;
        assert_eq!(next & 0xffff_ffff, id & 0xffff_ffff, "the slot is reused");
        assert_ne!(next, id, "with another generation");
        cancel(id); // stale: nothing happens
        assert!(EXECUTOR.with(|e| e.borrow_mut().take(next)).is_some());
        done();
    }

    #[test]
    fn a_panicking_task_finishes_with_the_message_and_others_run_on() {
        let id = spawn_export(async {
            if true {
                panic!("boom");
            }
            0i32
        }) as u64;
        let other = spawn_export(async { 5i32 }) as u64;
        assert_eq!(done(), vec![(id, false), (other, false)]);
        match EXECUTOR.with(|e| e.borrow_mut().take(id)) {
            Some(Outcome::Panic(message)) => assert!(message.ends_with("boom"), "{message}"),
            outcome => panic!("{outcome:?}"),
        }
        assert_eq!(EXECUTOR.with(|e| e.borrow_mut().take(other)), Some(Outcome::Value(vec![5, 0, 0, 0])));
    }

    #[test]
    fn a_java_future_delivers_its_value_or_its_exception() {
        let ok: JavaFuture<String> = JavaFuture::new(41);
        let bad: JavaFuture<i32> = JavaFuture::new(42);
        let a = spawn_export(async move { ok.await.map_err(|e| e.to_string()) }) as u64;
        let b = spawn_export(async move {
            match bad.await {
                Ok(_) => String::from("no"),
                Err(e) => format!("{}|{}", e.class_name(), e.message()),
            }
        }) as u64;
        assert!(done().is_empty());
        complete(41, false, &encode_to_vec("value"));
        complete(42, true, &encode_to_vec(&vec![String::from("java.io.IOException"), String::from("disk")]));
        assert_eq!(done(), vec![(a, false), (b, false)]);
        assert_eq!(EXECUTOR.with(|e| e.borrow_mut().take(a)), Some(Outcome::Value(encode_to_vec("value"))));
        assert_eq!(
            EXECUTOR.with(|e| e.borrow_mut().take(b)),
            Some(Outcome::Value(encode_to_vec("java.io.IOException|disk")))
        );
        assert!(AWAITED.with(|a| a.borrow().is_empty()), "nothing left waiting");
    }

    #[test]
    fn a_dropped_java_future_tells_the_host_and_a_late_outcome_is_ignored() {
        let future: JavaFuture<i32> = JavaFuture::new(9);
        let id = spawn_export(async move { future.await.unwrap_or(-1) }) as u64;
        cancel(id);
        assert_eq!(imports::DROPPED.with(|d| std::mem::take(&mut *d.borrow_mut())), vec![9]);
        complete(9, false, &encode_to_vec(&3i32));
        assert!(AWAITED.with(|a| a.borrow().is_empty()));
        assert!(done().is_empty());
    }

    #[test]
    fn take_hands_over_the_value_or_reports_like_a_sync_export() {
        // the panic's report comes from the support crate's hook, which panic.rs's tests swap out
        let _serial = crate::panic::HOOKS.lock().unwrap_or_else(|e| e.into_inner());
        let ok = spawn_export(async { 3u8 }) as u64;
        let err = spawn_export(async { Err::<u8, String>("bad".into()) }) as u64;
        let boom = spawn_export(async {
            if true {
                panic!("kaput");
            }
        }) as u64;
        done();
        crate::host::recorded();
        // (natively a slice cannot carry a 64-bit address: only its length is checked)
        assert_eq!(Slice::unpack(take(ok)).pack() >> 32, 1, "one byte handed over");
        assert_eq!(take(err), 0);
        assert_eq!(take(boom), 0);
        let recorded = crate::host::recorded();
        assert_eq!(recorded[0], format!("error: {}: bad", std::any::type_name::<String>()));
        assert!(
            recorded[1].starts_with("panic: panicked at") && recorded[1].ends_with("kaput"),
            "{recorded:?}"
        );
        assert!(std::panic::catch_unwind(|| take(ok)).is_err(), "a task is taken once");
    }

    #[test]
    fn the_signature_names_the_future() {
        assert_eq!(
            <AsyncResult<Result<String, String>> as Describe>::NAME.as_str(),
            "Future<Result<String, _>>"
        );
        assert_eq!(<JavaFuture<Option<u32>> as Describe>::NAME.as_str(), "Future<Option<u32>>");
    }
}
