//! paragraph items → break positions (Knuth–Plass total fit)
//!
//! The breaker sees abstract [`Item`]s only, after D. E. Knuth and M. F. Plass, "Breaking
//! Paragraphs into Lines" (1981), and TeX's `line_break` (tex.web §813–890).
//!
//! Conventions:
//! - `positions[k]` is the index of the item that ends line `k`. A glue break leaves the glue
//!   out of the line; a penalty break adds the penalty's width (the hyphen) to it.
//! - Line 0 starts at item 0. Every later line starts at the first box after the previous
//!   break: glue and penalties there are dropped, as TeX discards them.
//! - The last item always ends the paragraph with a forced break. If it is a box or glue it
//!   belongs to the last line, so a paragraph without TeX's `\penalty-10000` ending works too.
//! - A glue is a legal break only right after a box; a penalty only when its cost is below
//!   [`INFINITE_PENALTY`]; a cost at or below −[`INFINITE_PENALTY`] forces the break.
//!
//! Passes, as in TeX: (1) `pretolerance` without flagged breaks, (2) `tolerance`,
//! (3) `tolerance` with `emergency_stretch` added to each line, (4) a rescue pass with
//! unlimited badness in which each active break may take one overfull line (so a box wider
//! than the measure sits alone on an overfull line). Only (4) yields `is_feasible == false`.

use crate::units::Pt;

/// Penalty cost at or above which a break is forbidden, and whose negation forces it (TeX's `inf_penalty`).
pub const INFINITE_PENALTY: f64 = 10_000.0;
/// Badness of a line that cannot stretch or shrink to the measure (TeX's `inf_bad`).
pub const INFINITE_BADNESS: f64 = 10_000.0;

/// Demerits of a line whose `line_penalty + badness` reaches 10000 (TeX §859 caps at 10^8).
const AWFUL_DEMERITS: f64 = 1e8;
/// Extra demerits of a rescue-pass overfull line, and again per point of overflow.
const OVERFULL_DEMERITS: f64 = 1e10;
/// Shortfall treated as a perfect fit (the same float noise `Pt::fits` allows).
const NOISE: f64 = 1e-6;
/// TeX's fitness classes (§817): very loose, loose, decent, tight.
const VERY_LOOSE: u8 = 0;
const LOOSE: u8 = 1;
const DECENT: u8 = 2;
const TIGHT: u8 = 3;
/// No passive node: the paragraph start.
const NONE: usize = usize::MAX;
/// The result for an empty paragraph.
const EMPTY: Breaks = Breaks {
    positions: Vec::new(),
    ratios: Vec::new(),
    demerits: 0.0,
    is_feasible: true,
};
/// The measure used when the caller gives none.
static NO_MEASURE: [Pt; 1] = [Pt::new(0.0)];

/// One element of a paragraph, following Knuth & Plass (1981).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Unbreakable material: a shaped word or word fragment.
    Box {
        /// Natural width.
        width: Pt,
    },
    /// Breakable space that may stretch or shrink.
    Glue {
        /// Natural width.
        width: Pt,
        /// How much it may grow at adjustment ratio 1.
        stretch: Pt,
        /// How much it may shrink at adjustment ratio −1 (never more).
        shrink: Pt,
    },
    /// A possible break. `flagged` marks hyphen breaks; cost −∞ forces it, +∞ forbids it.
    Penalty {
        /// Width added to the line when it breaks here (e.g. the hyphen).
        width: Pt,
        /// Aesthetic cost; ±[`INFINITE_PENALTY`] or beyond means ±∞.
        cost: f64,
        /// Whether this is a hyphen break (for the consecutive- and final-hyphen demerits).
        flagged: bool,
    },
}

/// Tuning of the breaker (plain TeX's values unless noted).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Highest badness of a line in the main pass (TeX `\tolerance`, plain TeX 200).
    pub tolerance: f64,
    /// Highest badness in a first pass without flagged breaks; negative skips it (TeX `\pretolerance`, plain TeX 100).
    pub pretolerance: f64,
    /// Added to each line's badness before squaring; favours fewer lines (TeX `\linepenalty`, plain TeX 10).
    pub line_penalty: f64,
    /// Extra demerits for two consecutive flagged breaks (TeX `\doublehyphendemerits`, plain TeX 10000).
    pub double_hyphen_demerits: f64,
    /// Extra demerits when the second-last line ends flagged (TeX `\finalhyphendemerits`, plain TeX 5000).
    pub final_hyphen_demerits: f64,
    /// Extra demerits when adjacent lines' fitness classes differ by more than one (TeX `\adjdemerits`, plain TeX 10000).
    pub fitness_demerits: f64,
    /// Stretch added to every line in the emergency pass; ≤ 0 skips it (TeX `\emergencystretch`; default 30 pt = LaTeX's usual 3 em at 10 pt, set `Em(3.0).at(size)`).
    pub emergency_stretch: Pt,
    /// Lines wanted beyond (+) or short of (−) the optimum, if feasible (TeX `\looseness`, default 0).
    pub looseness: i32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            tolerance: 200.0,
            pretolerance: 100.0,
            line_penalty: 10.0,
            double_hyphen_demerits: 10_000.0,
            final_hyphen_demerits: 5_000.0,
            fitness_demerits: 10_000.0,
            emergency_stretch: Pt::new(30.0),
            looseness: 0,
        }
    }
}

/// The result: the break item indexes and facts the caller needs to warn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Breaks {
    /// Index of the item ending each line; strictly increasing, the last is `items.len() - 1`.
    pub positions: Vec<usize>,
    /// Glue-set ratio of each line with its real glue: >0 stretch, <0 shrink (−1 when overfull), 0 with nothing to stretch.
    pub ratios: Vec<f64>,
    /// Total demerits of `positions`, as [`demerits_of`] computes them.
    pub demerits: f64,
    /// False when no pass found lines within tolerance and the least-bad set (maybe overfull) was returned.
    pub is_feasible: bool,
}

/// Returns the index of the item ending each line, minimising total demerits.
/// `measures[i]` is the width of line `i`; the last entry repeats (none means 0 pt). Never fails.
pub fn break_lines(items: &[Item], measures: &[Pt], params: &Params) -> Breaks {
    if items.is_empty() {
        return EMPTY;
    }
    let par = Paragraph::new(items, measures);
    let exact_lines = params.looseness != 0;
    let emergency = params.emergency_stretch.get();
    let passes = [
        (params.pretolerance >= 0.0).then_some(Pass::new(params.pretolerance, false, 0.0, false)),
        Some(Pass::new(params.tolerance, true, 0.0, false)),
        (emergency > 0.0).then_some(Pass::new(params.tolerance, true, emergency, false)),
    ];
    let mut feasible = None;
    for pass in passes.into_iter().flatten() {
        if let Some(outcome) = run(&par, params, pass, exact_lines) {
            feasible = Some(outcome.positions);
            if outcome.looseness_met {
                break;
            }
        }
    }
    let (positions, is_feasible) = match feasible {
        Some(positions) => (positions, true),
        None => {
            let rescue = Pass::new(f64::INFINITY, true, emergency.max(0.0), true);
            let found = run(&par, params, rescue, exact_lines).map(|outcome| outcome.positions);
            (found.unwrap_or_else(|| greedy(&par)), false)
        }
    };
    evaluate(&par, params, &positions).into_breaks(positions, is_feasible)
}

/// First-fit breaking (greedy), used as fallback and as the baseline in tests; same return shape with demerits computed by the same formula.
pub fn first_fit(items: &[Item], measures: &[Pt], params: &Params) -> Breaks {
    if items.is_empty() {
        return EMPTY;
    }
    let par = Paragraph::new(items, measures);
    let positions = greedy(&par);
    let judged = evaluate(&par, params, &positions);
    let is_feasible = judged.within_tolerance;
    judged.into_breaks(positions, is_feasible)
}

/// Total demerits of a given break set under `params` (real glue, no emergency stretch); out-of-order or out-of-range positions are skipped.
pub fn demerits_of(items: &[Item], measures: &[Pt], params: &Params, positions: &[usize]) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    evaluate(&Paragraph::new(items, measures), params, positions).demerits
}

/// Width, stretch and shrink summed over a run of items.
#[derive(Clone, Copy, Default)]
struct Totals {
    width: f64,
    stretch: f64,
    shrink: f64,
}

/// A break as the breaker weighs it.
#[derive(Clone, Copy)]
struct Break {
    /// One past the last item whose width the line takes.
    end: usize,
    /// Width added by breaking here (a penalty's width).
    width: f64,
    /// Penalty cost, clamped to ±`INFINITE_PENALTY`.
    cost: f64,
    forced: bool,
    flagged: bool,
    /// The paragraph's end, which counts as flagged for `final_hyphen_demerits` (TeX §859).
    last: bool,
}

/// The items with the prefix sums and look-ups every pass shares.
struct Paragraph<'a> {
    items: &'a [Item],
    measures: &'a [Pt],
    /// Index of the first measure from which all later ones are equal.
    last_special: usize,
    /// `sums[i]` totals `items[..i]`.
    sums: Vec<Totals>,
    /// `next_box[i]` is the first box at or after `i`, or `items.len()`.
    next_box: Vec<usize>,
}

impl<'a> Paragraph<'a> {
    fn new(items: &'a [Item], measures: &'a [Pt]) -> Paragraph<'a> {
        let measures = if measures.is_empty() {
            &NO_MEASURE[..]
        } else {
            measures
        };
        let mut last_special = measures.len() - 1;
        while last_special > 0 && measures[last_special - 1] == measures[last_special] {
            last_special -= 1;
        }
        let mut sums = Vec::with_capacity(items.len() + 1);
        let mut total = Totals::default();
        sums.push(total);
        for item in items {
            match *item {
                Item::Box { width } => total.width += width.get(),
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    total.width += width.get();
                    total.stretch += stretch.get();
                    total.shrink += shrink.get();
                }
                Item::Penalty { .. } => {}
            }
            sums.push(total);
        }
        let mut next_box = vec![items.len(); items.len() + 1];
        for i in (0..items.len()).rev() {
            next_box[i] = if matches!(items[i], Item::Box { .. }) {
                i
            } else {
                next_box[i + 1]
            };
        }
        Paragraph {
            items,
            measures,
            last_special,
            sums,
            next_box,
        }
    }

    fn measure(&self, line: usize) -> f64 {
        self.measures[line.min(self.last_special)].get()
    }

    /// Where the line after a break at `i` starts.
    fn start_after(&self, i: usize) -> usize {
        self.next_box[i + 1]
    }

    fn is_legal(&self, i: usize) -> bool {
        if i + 1 == self.items.len() {
            return true;
        }
        match self.items[i] {
            Item::Box { .. } => false,
            Item::Glue { .. } => i > 0 && matches!(self.items[i - 1], Item::Box { .. }),
            Item::Penalty { cost, .. } => cost < INFINITE_PENALTY,
        }
    }

    /// The break at item `i`, which need not be legal (for `demerits_of`).
    fn break_at(&self, i: usize) -> Break {
        let last = i + 1 == self.items.len();
        let plain = Break {
            end: i + 1,
            width: 0.0,
            cost: 0.0,
            forced: last,
            flagged: false,
            last,
        };
        match self.items[i] {
            Item::Penalty {
                width,
                cost,
                flagged,
            } => Break {
                end: i,
                width: width.get(),
                cost: if last {
                    0.0
                } else {
                    cost.clamp(-INFINITE_PENALTY, INFINITE_PENALTY)
                },
                forced: last || cost <= -INFINITE_PENALTY,
                flagged: flagged && !last,
                last,
            },
            Item::Glue { .. } if !last => Break { end: i, ..plain },
            _ => plain,
        }
    }

    /// Totals of the items from `start` up to `end` (nothing when the start lies beyond).
    fn content(&self, start: usize, end: usize) -> Totals {
        let (from, to) = (self.sums[start.min(end)], self.sums[end]);
        Totals {
            width: to.width - from.width,
            stretch: to.stretch - from.stretch,
            shrink: to.shrink - from.shrink,
        }
    }
}

/// How a line sits in its measure.
#[derive(Clone, Copy)]
struct Fit {
    badness: f64,
    /// Glue-set ratio: 0 with nothing to stretch, −1 when overfull.
    ratio: f64,
    /// How far the line exceeds the measure at full shrink (0 when it fits).
    overflow: f64,
    class: u8,
}

impl Fit {
    const fn new(badness: f64, ratio: f64, overflow: f64, class: u8) -> Fit {
        Fit {
            badness,
            ratio,
            overflow,
            class,
        }
    }
}

/// How `content` plus a break's `width` sits in `measure`, given `extra` stretch.
fn fit_line(content: Totals, width: f64, extra: f64, measure: f64) -> Fit {
    let (width, stretch, shrink) = (
        content.width + width,
        content.stretch + extra,
        content.shrink,
    );
    let short = measure - width;
    if short.abs() <= NOISE {
        return Fit::new(0.0, 0.0, 0.0, DECENT);
    }
    if short > 0.0 && stretch <= 0.0 {
        return Fit::new(INFINITE_BADNESS, 0.0, 0.0, VERY_LOOSE);
    }
    if short > 0.0 {
        let ratio = short / stretch;
        let badness = (100.0 * ratio.powi(3)).min(INFINITE_BADNESS);
        let class =
            [DECENT, LOOSE, VERY_LOOSE][usize::from(ratio > 0.5) + usize::from(ratio > 1.0)];
        return Fit::new(badness, ratio, 0.0, class);
    }
    if !Pt::new(measure).fits(Pt::new(width - shrink)) {
        return Fit::new(INFINITE_BADNESS, -1.0, width - shrink - measure, TIGHT);
    }
    // Here shrink > 0: without shrink a negative shortfall beyond the noise is an overflow.
    let ratio = (short / shrink).max(-1.0);
    let class = if ratio < -0.5 { TIGHT } else { DECENT };
    Fit::new(100.0 * ratio.abs().powi(3), ratio, 0.0, class)
}

/// Demerits of one line (TeX §859), after a break that was `prev_flagged` with fitness `prev_class`.
fn demerits(params: &Params, fit: &Fit, brk: &Break, prev_flagged: bool, prev_class: u8) -> f64 {
    let base = params.line_penalty + fit.badness;
    let mut d = if base.abs() >= INFINITE_BADNESS {
        AWFUL_DEMERITS
    } else {
        base * base
    };
    if !brk.forced {
        if brk.cost > 0.0 {
            d += brk.cost * brk.cost;
        } else if brk.cost < 0.0 {
            d -= brk.cost * brk.cost;
        }
    }
    if prev_flagged && brk.last {
        d += params.final_hyphen_demerits;
    } else if prev_flagged && brk.flagged {
        d += params.double_hyphen_demerits;
    }
    if fit.class.abs_diff(prev_class) > 1 {
        d += params.fitness_demerits;
    }
    if fit.overflow > 0.0 {
        d += OVERFULL_DEMERITS * (1.0 + fit.overflow);
    }
    d
}

/// Limits of one pass.
#[derive(Clone, Copy)]
struct Pass {
    threshold: f64,
    hyphens: bool,
    extra_stretch: f64,
    /// Let each active break take one overfull line if it has taken no line yet.
    rescue: bool,
}

impl Pass {
    const fn new(threshold: f64, hyphens: bool, extra_stretch: f64, rescue: bool) -> Pass {
        Pass {
            threshold,
            hyphens,
            extra_stretch,
            rescue,
        }
    }
}

/// A break from which a line may still start.
#[derive(Clone, Copy)]
struct Active {
    passive: usize,
    start: usize,
    line: usize,
    class: u8,
    flagged: bool,
    total: f64,
    accepted_any: bool,
}

/// A break kept for tracing the chosen sequence back.
#[derive(Clone, Copy)]
struct Passive {
    position: usize,
    prev: usize,
}

/// The best way found to reach the current break in one fitness class.
#[derive(Clone, Copy)]
struct Best {
    total: f64,
    prev: usize,
    line: usize,
}

/// Best ways to the current break, per line-number key and fitness class.
struct Group {
    key: usize,
    by_class: [Option<Best>; 4],
}

struct Outcome {
    positions: Vec<usize>,
    looseness_met: bool,
}

fn record(found: &mut Vec<Group>, key: usize, class: u8, best: Best) {
    let at = match found.iter().position(|group| group.key == key) {
        Some(at) => at,
        None => {
            found.push(Group {
                key,
                by_class: [None; 4],
            });
            found.len() - 1
        }
    };
    let slot = &mut found[at].by_class[usize::from(class)];
    if slot.is_none_or(|old| best.total < old.total) {
        *slot = Some(best);
    }
}

/// One total-fit pass; `None` when no break sequence keeps to its limits.
fn run(par: &Paragraph, params: &Params, pass: Pass, exact_lines: bool) -> Option<Outcome> {
    let start = Active {
        passive: NONE,
        start: 0,
        line: 0,
        class: DECENT,
        flagged: false,
        total: 0.0,
        accepted_any: false,
    };
    let mut active = vec![start];
    // Lines past the last distinct measure are alike, unless \looseness counts them (TeX's easy_line).
    let key_cap = if exact_lines {
        usize::MAX
    } else {
        par.last_special
    };
    let mut passive: Vec<Passive> = Vec::new();
    let mut found: Vec<Group> = Vec::new();
    for i in 0..par.items.len() {
        if !par.is_legal(i) {
            continue;
        }
        let brk = par.break_at(i);
        if brk.flagged && !brk.forced && !pass.hyphens {
            continue;
        }
        found.clear();
        active.retain_mut(|a| {
            let content = par.content(a.start, brk.end);
            let measure = par.measure(a.line);
            let fit = fit_line(content, brk.width, pass.extra_stretch, measure);
            let within = fit.overflow == 0.0 && fit.badness <= pass.threshold;
            if within || (pass.rescue && !a.accepted_any) {
                a.accepted_any = true;
                let line = a.line + 1;
                let total = a.total + demerits(params, &fit, &brk, a.flagged, a.class);
                let best = Best {
                    total,
                    prev: a.passive,
                    line,
                };
                record(&mut found, line.min(key_cap), fit.class, best);
            }
            // Overfull without the break's own width: every later line from `a` is too (TeX's r < −1).
            let hopeless = !Pt::new(measure).fits(Pt::new(content.width - content.shrink));
            !(hopeless || brk.forced)
        });
        let next_start = par.start_after(i);
        for group in &found {
            let least = group
                .by_class
                .iter()
                .flatten()
                .fold(f64::INFINITY, |m, best| m.min(best.total));
            // A class worse than the best by more than `fitness_demerits` can never win later (TeX §836).
            let limit = least + params.fitness_demerits.max(0.0);
            for (class, best) in (0u8..).zip(group.by_class) {
                if let Some(best) = best.filter(|best| best.total <= limit) {
                    passive.push(Passive {
                        position: i,
                        prev: best.prev,
                    });
                    active.push(Active {
                        passive: passive.len() - 1,
                        start: next_start,
                        line: best.line,
                        class,
                        flagged: brk.flagged,
                        total: best.total,
                        accepted_any: false,
                    });
                }
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    // Every active break now ends the paragraph; pick one as TeX does for \looseness (§875).
    let best = (0..active.len()).min_by(|&x, &y| active[x].total.total_cmp(&active[y].total))?;
    let best_line = active[best].line as i64;
    let wanted = i64::from(params.looseness);
    let (mut chosen, mut actual) = (best, 0i64);
    for (k, a) in active.iter().enumerate() {
        let diff = a.line as i64 - best_line;
        if (diff < actual && wanted <= diff) || (diff > actual && wanted >= diff) {
            (chosen, actual) = (k, diff);
        } else if diff == actual && a.total < active[chosen].total {
            chosen = k;
        }
    }
    let mut positions = Vec::with_capacity(active[chosen].line);
    let mut at = active[chosen].passive;
    while at != NONE {
        positions.push(passive[at].position);
        at = passive[at].prev;
    }
    positions.reverse();
    Some(Outcome {
        positions,
        looseness_met: actual == wanted,
    })
}

/// Greedy breaking: each line takes as much as fits at full shrink.
fn greedy(par: &Paragraph) -> Vec<usize> {
    let mut positions = Vec::new();
    let (mut start, mut line, mut candidate) = (0, 0, None);
    let mut i = 0;
    while i < par.items.len() {
        if !par.is_legal(i) {
            i += 1;
            continue;
        }
        let brk = par.break_at(i);
        let content = par.content(start, brk.end);
        let measure = Pt::new(par.measure(line));
        let fits = measure.fits(Pt::new(content.width + brk.width - content.shrink));
        if fits && !brk.forced {
            candidate = Some(i);
            i += 1;
            continue;
        }
        if !fits {
            if let Some(at) = candidate.take() {
                positions.push(at);
                (start, line) = (par.start_after(at), line + 1);
                continue; // weigh `i` again on the new line
            }
            if !brk.forced && measure.fits(Pt::new(content.width - content.shrink)) {
                i += 1; // only the break's own width overflows: a later break may fit
                continue;
            }
        }
        positions.push(i);
        (start, line) = (par.start_after(i), line + 1);
        i += 1;
    }
    positions
}

/// Demerits, ratios and tolerance check of a given break sequence.
struct Judged {
    ratios: Vec<f64>,
    demerits: f64,
    within_tolerance: bool,
}

impl Judged {
    fn into_breaks(self, positions: Vec<usize>, is_feasible: bool) -> Breaks {
        Breaks {
            positions,
            ratios: self.ratios,
            demerits: self.demerits,
            is_feasible,
        }
    }
}

fn evaluate(par: &Paragraph, params: &Params, positions: &[usize]) -> Judged {
    let mut judged = Judged {
        ratios: Vec::with_capacity(positions.len()),
        demerits: 0.0,
        within_tolerance: true,
    };
    let (mut start, mut line, mut class, mut flagged) = (0, 0, DECENT, false);
    let mut previous = None;
    for &at in positions {
        if at >= par.items.len() || previous.is_some_and(|p| at <= p) {
            continue;
        }
        let brk = par.break_at(at);
        let content = par.content(start, brk.end);
        let fit = fit_line(content, brk.width, 0.0, par.measure(line));
        judged.demerits += demerits(params, &fit, &brk, flagged, class);
        judged.ratios.push(fit.ratio);
        judged.within_tolerance &= fit.overflow == 0.0 && fit.badness <= params.tolerance;
        (start, line, class, flagged) = (par.start_after(at), line + 1, fit.class, brk.flagged);
        previous = Some(at);
    }
    judged
}

#[cfg(test)]
mod tests;
