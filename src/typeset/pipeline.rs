//! Flow on every core, paging in order: the parts of the chapters are set on `jobs` threads,
//! at most a few parts ahead of the one being paged (so memory stays bounded by a few
//! parts, not the book), and handed to the consumer in book order. Each part is set alone,
//! so the pages are the same for any number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use super::design::Measures;
use super::flow::{self, ChapterPlan, Segment};
use super::text::Setter;
use crate::doc::Book;
use crate::error::Error;
use crate::highlight::Theme;

/// One part to flow: chapter `chapter`'s part `part` (its last when `is_last`).
#[derive(Clone, Copy, Debug)]
pub struct Part {
    /// Index of the chapter.
    pub chapter: usize,
    /// Index of the part in the chapter.
    pub part: usize,
    /// Whether it is the chapter's last part.
    pub is_last: bool,
}

/// Parts set ahead of the consumer, per thread.
const AHEAD_PER_JOB: usize = 3;

/// What the threads share: the parts set and not yet taken, how far the consumer is, and
/// whether it stopped.
#[derive(Default)]
struct Shared {
    done: BTreeMap<usize, std::thread::Result<Segment>>,
    taken: usize,
    stopped: bool,
}

/// Flows every part of `plans` on `jobs` threads (each with a setter from `new_setter`) and
/// hands each to `consume` in book order. Stops at the first error `consume` returns.
pub fn run<'f>(
    book: &Book,
    plans: &[ChapterPlan],
    m: Measures,
    theme: &Theme,
    jobs: usize,
    new_setter: &(dyn Fn() -> Setter<'f> + Sync),
    consume: &mut dyn FnMut(Part, Segment) -> Result<(), Error>,
) -> Result<(), Error> {
    let parts: Vec<Part> = plans
        .iter()
        .flat_map(|plan| {
            let n = plan.segments.len();
            (0..n).map(move |part| Part {
                chapter: plan.chapter,
                part,
                is_last: part + 1 == n,
            })
        })
        .collect();
    let set = |setter: &mut Setter, p: Part| {
        flow::segment(setter, book, &plans[p.chapter], p.part, m, theme)
    };
    if jobs <= 1 || parts.len() <= 1 {
        let mut setter = new_setter();
        for &p in &parts {
            consume(p, set(&mut setter, p))?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let shared = Mutex::new(Shared::default());
    let changed = Condvar::new();
    let ahead = AHEAD_PER_JOB * jobs;
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                let mut setter = new_setter();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&p) = parts.get(k) else { break };
                    {
                        let mut state = lock(&shared);
                        while k >= state.taken + ahead && !state.stopped {
                            state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                        }
                        if state.stopped {
                            break;
                        }
                    }
                    let segment = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        set(&mut setter, p)
                    }));
                    let failed = segment.is_err();
                    lock(&shared).done.insert(k, segment);
                    changed.notify_all();
                    if failed {
                        break;
                    }
                }
            });
        }
        // However the consumer ends (an error, or a panic on a bug), the threads stop.
        let _stop = Stop(&shared, &changed);
        (|| {
            for (k, &p) in parts.iter().enumerate() {
                let segment = {
                    let mut state = lock(&shared);
                    loop {
                        if let Some(segment) = state.done.remove(&k) {
                            state.taken = k + 1;
                            break segment;
                        }
                        state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                    }
                };
                changed.notify_all();
                // A part only panics on a bug; setting it again here would too.
                let segment = segment.unwrap_or_else(|e| std::panic::resume_unwind(e));
                consume(p, segment)?;
            }
            Ok(())
        })()
    })
}

/// Tells the threads to stop when dropped.
struct Stop<'a>(&'a Mutex<Shared>, &'a Condvar);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        lock(self.0).stopped = true;
        self.1.notify_all();
    }
}

fn lock(shared: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    // A thread that panicked while holding the lock left the map consistent (inserts are
    // single calls): go on with it.
    shared.lock().unwrap_or_else(|e| e.into_inner())
}
