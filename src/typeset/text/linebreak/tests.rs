use super::*;
use proptest::prelude::*;

fn word(width: f64) -> Item {
    Item::Box {
        width: Pt::new(width),
    }
}

fn glue(width: f64, stretch: f64, shrink: f64) -> Item {
    Item::Glue {
        width: Pt::new(width),
        stretch: Pt::new(stretch),
        shrink: Pt::new(shrink),
    }
}

/// Interword glue of a 10 pt Computer Modern font.
fn space() -> Item {
    glue(3.33, 1.67, 1.11)
}

/// TeX's \parfillskip (and \hfil), modelled as a very large finite stretch.
fn fill() -> Item {
    glue(0.0, 100_000.0, 0.0)
}

fn hyphen(cost: f64) -> Item {
    Item::Penalty {
        width: Pt::new(3.0),
        cost,
        flagged: true,
    }
}

fn penalty(cost: f64) -> Item {
    Item::Penalty {
        width: Pt::new(0.0),
        cost,
        flagged: false,
    }
}

fn forced() -> Item {
    penalty(f64::NEG_INFINITY)
}

/// Words separated by spaces, ended by \parfillskip and a forced break.
fn paragraph(widths: &[f64]) -> Vec<Item> {
    let mut items = Vec::new();
    for (k, &width) in widths.iter().enumerate() {
        if k > 0 {
            items.push(space());
        }
        items.push(word(width));
    }
    items.extend([fill(), forced()]);
    items
}

fn pts(measures: &[f64]) -> Vec<Pt> {
    measures.iter().copied().map(Pt::new).collect()
}

/// Deterministic word widths between 5 and 45 pt, like 10 pt text.
fn widths(count: usize, seed: u64) -> Vec<f64> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            5.0 + (state >> 33) as f64 % 40.0
        })
        .collect()
}

/// Like `paragraph`, but words wider than 25 pt get a hyphenation point at two fifths.
fn hyphenated(widths: &[f64]) -> Vec<Item> {
    let mut items = Vec::new();
    for (k, &width) in widths.iter().enumerate() {
        if k > 0 {
            items.push(space());
        }
        if width > 25.0 {
            items.extend([word(width * 0.4), hyphen(50.0), word(width * 0.6)]);
        } else {
            items.push(word(width));
        }
    }
    items.extend([fill(), forced()]);
    items
}

/// The items of each line: a glue break leaves the glue out, a penalty break keeps the penalty last.
fn lines<'a>(items: &'a [Item], breaks: &[usize]) -> Vec<&'a [Item]> {
    let mut out = Vec::new();
    let mut start = 0;
    for &at in breaks {
        let end = match items[at] {
            Item::Glue { .. } if at + 1 != items.len() => at,
            _ => at + 1,
        };
        out.push(&items[start.min(end)..end]);
        start = (at + 1..items.len())
            .find(|&i| matches!(items[i], Item::Box { .. }))
            .unwrap_or(items.len());
    }
    out
}

/// Width of a line at full shrink; a penalty counts only as the line's last item.
fn min_width(line: &[Item]) -> f64 {
    let last = line.len().saturating_sub(1);
    line.iter()
        .enumerate()
        .map(|(i, item)| match *item {
            Item::Box { width } => width.get(),
            Item::Glue { width, shrink, .. } => width.get() - shrink.get(),
            Item::Penalty { width, .. } => {
                if i == last {
                    width.get()
                } else {
                    0.0
                }
            }
        })
        .sum()
}

fn box_count(line: &[Item]) -> usize {
    line.iter()
        .filter(|item| matches!(item, Item::Box { .. }))
        .count()
}

fn measure_of(measures: &[f64], line: usize) -> f64 {
    measures[line.min(measures.len() - 1)]
}

fn assert_well_formed(items: &[Item], breaks: &Breaks) {
    assert!(
        breaks.positions.windows(2).all(|w| w[0] < w[1]),
        "{:?}",
        breaks.positions
    );
    assert_eq!(breaks.positions.last().copied(), items.len().checked_sub(1));
    assert_eq!(breaks.ratios.len(), breaks.positions.len());
    assert!(!breaks.demerits.is_nan());
}

#[test]
fn a_simple_paragraph_breaks_where_four_words_fill_the_measure() {
    // Four 20 pt words and three spaces make 89.99 pt: exactly one 90 pt line.
    let items = paragraph(&[20.0; 10]);
    let breaks = break_lines(&items, &pts(&[90.0]), &Params::default());
    assert_eq!(breaks.positions, vec![7, 15, 20]);
    assert!(breaks.is_feasible);
    assert!(
        breaks.ratios[..2].iter().all(|r| r.abs() < 0.01),
        "{:?}",
        breaks.ratios
    );
    assert_eq!(
        first_fit(&items, &pts(&[90.0]), &Params::default()).positions,
        breaks.positions
    );
}

#[test]
fn total_fit_beats_first_fit_on_a_text_like_paragraph() {
    let (items, measure) = (hyphenated(&widths(150, 0)), pts(&[330.0]));
    let params = Params {
        pretolerance: -1.0,
        ..Params::default()
    };
    let best = break_lines(&items, &measure, &params);
    let greedy = first_fit(&items, &measure, &params);
    assert!(best.is_feasible && greedy.is_feasible);
    assert_eq!(
        best.demerits,
        demerits_of(&items, &measure, &params, &best.positions)
    );
    assert!(
        best.demerits < greedy.demerits,
        "{} vs {}",
        best.demerits,
        greedy.demerits
    );
}

#[test]
fn forced_breaks_hold_even_when_the_line_is_short() {
    let mut items = paragraph(&[20.0; 10]);
    items.splice(3..3, [fill(), forced()]); // \hfil\break after the second word
    let breaks = break_lines(&items, &pts(&[90.0]), &Params::default());
    assert_eq!(breaks.positions[0], 4);
    assert!(breaks.is_feasible);

    let mut bare = paragraph(&[20.0; 10]);
    bare.insert(3, forced()); // a bare \break leaves an underfull line, but still breaks
    let breaks = break_lines(&bare, &pts(&[90.0]), &Params::default());
    assert_eq!(breaks.positions[0], 3);
    assert!(!breaks.is_feasible);
    assert_well_formed(&bare, &breaks);
}

#[test]
fn an_infinite_penalty_never_breaks() {
    for cost in [INFINITE_PENALTY, f64::INFINITY] {
        let mut items = paragraph(&[20.0; 10]);
        items.insert(7, penalty(cost)); // ties the fourth and fifth words: the glue at 8 follows no box
        let breaks = break_lines(&items, &pts(&[90.0]), &Params::default());
        assert!(
            !breaks.positions.contains(&7) && !breaks.positions.contains(&8),
            "{:?}",
            breaks.positions
        );
        assert_well_formed(&items, &breaks);
    }
}

#[test]
fn a_box_wider_than_the_measure_sits_alone_on_an_overfull_line() {
    let items = paragraph(&[30.0, 200.0, 30.0, 40.0]);
    for breaks in [
        break_lines(&items, &pts(&[100.0]), &Params::default()),
        first_fit(&items, &pts(&[100.0]), &Params::default()),
    ] {
        assert!(!breaks.is_feasible);
        assert_well_formed(&items, &breaks);
        let overfull: Vec<_> = lines(&items, &breaks.positions)
            .into_iter()
            .filter(|l| min_width(l) > 100.0)
            .collect();
        assert_eq!(overfull.len(), 1);
        assert_eq!(overfull[0], &[word(200.0)]);
        assert!(breaks.ratios.contains(&-1.0));
    }
}

#[test]
fn empty_input_gives_no_breaks() {
    let breaks = break_lines(&[], &pts(&[100.0]), &Params::default());
    assert_eq!(
        breaks,
        Breaks {
            positions: vec![],
            ratios: vec![],
            demerits: 0.0,
            is_feasible: true
        }
    );
    assert_eq!(first_fit(&[], &[], &Params::default()), breaks);
    assert_eq!(demerits_of(&[], &[], &Params::default(), &[]), 0.0);
}

#[test]
fn odd_inputs_never_panic_and_end_at_the_last_item() {
    let cases: Vec<(Vec<Item>, Vec<Pt>)> = vec![
        (vec![word(10.0)], pts(&[100.0])),
        (vec![space()], pts(&[100.0])),
        (vec![forced()], pts(&[100.0])),
        (vec![penalty(f64::INFINITY)], pts(&[100.0])),
        (vec![hyphen(50.0)], pts(&[1.0])),
        (
            vec![word(10.0), space(), word(20.0), space(), word(30.0)],
            pts(&[25.0]),
        ),
        (
            vec![space(), forced(), forced(), word(5.0), forced(), space()],
            pts(&[50.0, 10.0]),
        ),
        (paragraph(&[20.0; 10]), pts(&[0.0])),
        (paragraph(&[20.0; 10]), vec![]),
        (paragraph(&[20.0; 10]), pts(&[-5.0, 300.0])),
        (
            vec![
                word(10.0),
                word(20.0),
                penalty(-50.0),
                glue(1.0, 0.0, 5.0),
                word(1e9),
            ],
            pts(&[15.0]),
        ),
    ];
    for (items, measures) in &cases {
        for looseness in [-1, 0, 2] {
            let params = Params {
                looseness,
                ..Params::default()
            };
            assert_well_formed(items, &break_lines(items, measures, &params));
            assert_well_formed(items, &first_fit(items, measures, &params));
        }
    }
}

#[test]
fn double_hyphen_demerits_steer_away_from_consecutive_hyphens() {
    let g = glue(10.0, 10.0, 3.0);
    // Lines: "A B1-" | "B2 D C1-" | "C2 E" (all perfect), or "A B1-" | "B2 D C" (shrunk) | "E".
    let items = [
        word(40.0),
        g,
        word(47.0),
        hyphen(0.0),
        word(30.0),
        g,
        word(20.0),
        g,
        word(27.0),
        hyphen(0.0),
        word(6.0),
        g,
        word(30.0),
        fill(),
        forced(),
    ];
    let measure = pts(&[100.0]);
    let with = |double| Params {
        double_hyphen_demerits: double,
        final_hyphen_demerits: 0.0,
        ..Params::default()
    };
    assert_eq!(
        break_lines(&items, &measure, &with(0.0)).positions,
        vec![3, 9, 14]
    );
    assert_eq!(
        break_lines(&items, &measure, &with(10_000.0)).positions,
        vec![3, 11, 14]
    );
    // Line 2 ending in a hyphen is the second-last line: final_hyphen_demerits applies.
    let final_too = Params {
        final_hyphen_demerits: 5_000.0,
        ..with(0.0)
    };
    let extra = demerits_of(&items, &measure, &final_too, &[3, 9, 14])
        - demerits_of(&items, &measure, &with(0.0), &[3, 9, 14]);
    assert_eq!(extra, 5_000.0);
}

#[test]
fn looseness_plus_one_gives_one_more_line_when_possible() {
    let (items, measure) = (hyphenated(&widths(150, 3)), pts(&[300.0]));
    let optimal = break_lines(&items, &measure, &Params::default());
    let looser = break_lines(
        &items,
        &measure,
        &Params {
            looseness: 1,
            ..Params::default()
        },
    );
    assert!(optimal.is_feasible && looser.is_feasible);
    assert_eq!(looser.positions.len(), optimal.positions.len() + 1);
    assert_well_formed(&items, &looser);
    // Asking for an impossible count gives the nearest feasible one.
    let far = break_lines(
        &items,
        &measure,
        &Params {
            looseness: -100,
            ..Params::default()
        },
    );
    assert!(far.is_feasible && far.positions.len() <= optimal.positions.len());
}

#[test]
fn variable_measures_are_honoured_and_the_last_repeats() {
    let items = hyphenated(&widths(60, 11));
    let measures = [150.0, 220.0, 300.0];
    let breaks = break_lines(&items, &pts(&measures), &Params::default());
    assert!(breaks.is_feasible);
    let lines = lines(&items, &breaks.positions);
    for (k, line) in lines.iter().enumerate() {
        assert!(
            min_width(line) <= measure_of(&measures, k) + 1e-6,
            "line {k}"
        );
    }
    // Lines after the third use the repeated 300 pt measure, which 220 pt could not hold.
    assert!(lines.len() > 4);
    assert!(
        lines[3..lines.len() - 1]
            .iter()
            .all(|l| min_width(l) > 220.0)
    );
    let uniform = break_lines(&items, &pts(&[150.0]), &Params::default());
    assert!(uniform.positions.len() > breaks.positions.len());
}

/// Random paragraphs: words of 1..120 pt, some split by hyphen penalties, some forced breaks.
fn random_paragraph() -> impl Strategy<Value = Vec<Item>> {
    prop::collection::vec((1.0f64..120.0, 0u8..20, 0.2f64..0.8), 1..60).prop_map(|words| {
        let mut items = Vec::new();
        for (k, (width, roll, split)) in words.into_iter().enumerate() {
            if k > 0 {
                items.push(space());
            }
            if roll < 5 && width > 10.0 {
                items.extend([
                    word(width * split),
                    hyphen(50.0),
                    word(width * (1.0 - split)),
                ]);
            } else {
                items.push(word(width));
            }
            match roll {
                18 => items.push(forced()),
                19 => items.extend([fill(), forced()]),
                _ => {}
            }
        }
        items.extend([fill(), forced()]);
        items
    })
}

proptest! {
    #[test]
    fn breaks_strictly_increase_and_end_the_paragraph(items in random_paragraph(), measure in 40.0f64..400.0) {
        let breaks = break_lines(&items, &[Pt::new(measure)], &Params::default());
        prop_assert!(breaks.positions.windows(2).all(|w| w[0] < w[1]));
        prop_assert_eq!(breaks.positions.last().copied(), Some(items.len() - 1));
        prop_assert_eq!(breaks.ratios.len(), breaks.positions.len());
    }

    #[test]
    fn no_line_exceeds_its_measure_unless_it_holds_one_box(
        items in random_paragraph(),
        measures in prop::collection::vec(40.0f64..400.0, 1..4),
    ) {
        let breaks = break_lines(&items, &pts(&measures), &Params::default());
        for (k, line) in lines(&items, &breaks.positions).iter().enumerate() {
            let fits = min_width(line) <= measure_of(&measures, k) + 1e-6;
            prop_assert!(fits || box_count(line) == 1, "line {} of {:?}", k, breaks.positions);
            prop_assert!(fits || !breaks.is_feasible);
        }
    }

    #[test]
    fn total_fit_demerits_never_exceed_first_fit(items in random_paragraph(), measure in 40.0f64..400.0) {
        let (measure, params) = ([Pt::new(measure)], Params { pretolerance: -1.0, ..Params::default() });
        let best = break_lines(&items, &measure, &params);
        let greedy = first_fit(&items, &measure, &params);
        prop_assert_eq!(best.demerits, demerits_of(&items, &measure, &params, &best.positions));
        if greedy.is_feasible {
            prop_assert!(best.is_feasible);
            prop_assert!(best.demerits <= demerits_of(&items, &measure, &params, &greedy.positions));
        }
    }

    #[test]
    fn forced_breaks_are_always_taken(items in random_paragraph(), measure in 40.0f64..400.0) {
        for breaks in [break_lines(&items, &[Pt::new(measure)], &Params::default()), first_fit(&items, &[Pt::new(measure)], &Params::default())] {
            for (i, item) in items.iter().enumerate() {
                if matches!(item, Item::Penalty { cost, .. } if *cost <= -INFINITE_PENALTY) {
                    prop_assert!(breaks.positions.contains(&i), "forced break {} missing from {:?}", i, breaks.positions);
                }
            }
        }
    }
}

/// Best demerits per line count over every legal break set within tolerance, by brute force.
fn exhaustive(
    items: &[Item],
    measures: &[Pt],
    params: &Params,
) -> std::collections::BTreeMap<usize, f64> {
    let par = Paragraph::new(items, measures);
    let last = items.len() - 1;
    let optional: Vec<usize> = (0..last).filter(|&i| par.is_legal(i)).collect();
    let mut best = std::collections::BTreeMap::new();
    for mask in 0u32..1 << optional.len() {
        let mut positions: Vec<usize> = (0..optional.len())
            .filter(|b| mask >> b & 1 == 1)
            .map(|b| optional[b])
            .collect();
        positions.push(last);
        let forced_missing = optional
            .iter()
            .any(|&i| par.break_at(i).forced && !positions.contains(&i));
        let judged = evaluate(&par, params, &positions);
        if forced_missing || !judged.within_tolerance {
            continue;
        }
        let entry = best.entry(positions.len()).or_insert(f64::INFINITY);
        *entry = judged.demerits.min(*entry);
    }
    best
}

proptest! {
    #[test]
    fn total_fit_matches_exhaustive_search_on_short_paragraphs(
        words in prop::collection::vec((1.0f64..60.0, 0u8..20, 0.2f64..0.8), 1..7),
        measures in prop::collection::vec(40.0f64..160.0, 1..3),
    ) {
        let mut items = Vec::new();
        for (k, (width, roll, split)) in words.into_iter().enumerate() {
            if k > 0 {
                items.push(space());
            }
            if roll < 8 {
                items.extend([word(width * split), hyphen(50.0), word(width * (1.0 - split))]);
            } else {
                items.push(word(width));
            }
            if roll == 19 {
                items.extend([fill(), forced()]);
            }
        }
        items.extend([fill(), forced()]);
        let measures = pts(&measures);
        let par = Paragraph::new(&items, &measures);
        prop_assume!((0..items.len() - 1).filter(|&i| par.is_legal(i)).count() <= 16);
        let params = Params { pretolerance: -1.0, emergency_stretch: Pt::new(0.0), ..Params::default() };
        let by_count = exhaustive(&items, &measures, &params);
        let optimum = by_count.iter().min_by(|a, b| a.1.total_cmp(b.1)).map(|(&n, &d)| (n, d));
        let breaks = break_lines(&items, &measures, &params);
        prop_assert_eq!(breaks.is_feasible, optimum.is_some());
        let Some((lines, least)) = optimum else { return Ok(()) };
        prop_assert!((breaks.demerits - least).abs() <= 1e-9 * least.abs().max(1.0), "{} vs {}", breaks.demerits, least);
        for looseness in [-1i32, 1] {
            let wanted = (lines as i64 + i64::from(looseness)) as usize;
            let (count, demerits) = by_count.get_key_value(&wanted).map_or((lines, least), |(&n, &d)| (n, d));
            let loose = break_lines(&items, &measures, &Params { looseness, ..params });
            prop_assert_eq!(loose.positions.len(), count);
            prop_assert!((loose.demerits - demerits).abs() <= 1e-9 * demerits.abs().max(1.0));
        }
    }
}
