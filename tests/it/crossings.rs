//! Edge crossings: ours on every spec and on the routing ratchet's 300 random designs, held to
//! recorded ratchets; beside Graphviz dot's on the same graphs when `dot` is installed.
//!
//! Both sides are counted by `infradoc::layout::crossings` (its doc comment defines a
//! crossing). dot's edges are its splines from `dot -Tjson`, each Bézier piece cut into
//! [`PIECES`] straight pieces, with the arrowhead's tip as the last point. The comparison
//! counts only the links both pictures draw, matched by their two ends: ours adds the DNS box's
//! lookups and monitoring agents' reports, dot adds ties to a firewall's own host or zone.
//! docs/decisions/0010-edge-crossings-against-graphviz.md records the numbers.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use infradoc::layout::crossings::{crossings, crossings_between, diagram_crossings};
use infradoc::layout::{Diagram, layout};
use infradoc::lint::lint;
use infradoc::model::Design;
use infradoc::spec::vocabulary::Direction;

use crate::all_specs;
use crate::diagram::{design_of, diagram, drawn, random_designs, seeded};

/// Straight pieces per cubic Bézier piece of a dot spline.
const PIECES: usize = 10;

/// Our crossings per spec, as `infradoc build` draws it (every link drawn): none may go up.
/// specs/3 rose from 8 to 11 with long links ordered as virtual nodes (its agents' reports
/// run along strips beside the hosts), while the total fell from 60 to 35; it fell to 7 when
/// transposition counted the links along strips.
const SPEC_RATCHET: &[(&str, usize)] = &[
    ("0-simple_web_stack", 0),
    ("1-distributed_web_infrastructure", 1),
    ("2-secured_and_monitored_web_infrastructure", 3),
    ("3-scale_up", 7),
    ("cloud-web-service", 5),
    ("ha-pair-vip", 4),
    ("intranet-vpn-bastion", 0),
    ("three-zone-web-service", 0),
];

/// Our crossings over the 300 random designs (every link drawn): the total may not go up
/// (1,770 before long links were ordered as virtual nodes and tracks ordered, 896 before blocks
/// were moved past hosts to keep links' turns out of them, 865 before neighbouring blocks were
/// swapped where that crosses less, 857 before links were shortened and agents that carry
/// traffic were placed by it, 571 before a client whose first hop is reached later stood just
/// above it, 486 before cycles were cut from the sources). Raised once, 460 -> 488, when links
/// that say the same thing into one target were joined into one port under one label: the
/// joined port stands at the middle of its sources, and another link into the same target
/// from a source between them crosses one of them (490 with tags and badges a unit larger).
/// 490 -> 334 when transposition counted the links along strips as crossing the links
/// between the layers they pass; 334 -> 304 when the barycentre passes kept the order that
/// crossed least; 304 -> 308 when labels stood clear of the arrowheads (ports 8 units further
/// apart).
const RANDOM_RATCHET: usize = 308;

/// Our crossings over 300 random zone trees (tests/it/zone_trees.rs; every link drawn): the
/// total may not go up (2,217 before neighbouring blocks and frames inside each zone were
/// swapped where that crosses less; 2,182 before links into one target under one label were
/// joined; 2,007 before transposition counted the links along strips; 1,996 before the
/// barycentre passes kept the order that crossed least; 1,995 before labels stood clear of the
/// arrowheads).
const ZONED_RATCHET: usize = 1952;

/// Ours over dot's on the links both draw, specs/ together (20 against 22 with Graphviz 2.43; 21 before
/// transposition counted the links along strips; 22 against 22 before links into one target under one label were joined; 32
/// against 22 before neighbouring blocks were swapped where that crosses less; 35 against 22 before
/// blocks were moved past hosts, ha-pair-vip 7 -> 4 as this test lints it; 60 against 22 before
/// long links were ordered as virtual nodes; 155 against 85 before hubs and locks, when both drew
/// every agent's, admin and certificate line): may not go up. The aim is 1 or less, met. Whole
/// pictures, ours must stay at or under dot's (20 against 97).
const SPECS_OVER_DOT: f64 = 0.91;

/// Ours over dot's on the links both draw, the 300 random designs together (308 against 388 with
/// Graphviz 2.43; 304 before labels stood clear of the arrowheads; 334 before the
/// barycentre passes kept the order that crossed least, 490 before transposition counted the links
/// along strips, 460 before links into one target under one label were joined; 486 before cycles
/// were cut from the sources; 571 before a client whose first hop is reached later stood just above
/// it; 804 before agents that carry traffic were placed by it, 857 before links were shortened; 865
/// before neighbouring blocks were swapped where that crosses less; 896 before blocks were moved
/// past hosts to keep links' turns out of them; 1,770 before long links were ordered as virtual
/// nodes): may not go up. The aim is 1 or less, met.
const RANDOM_OVER_DOT: f64 = 0.80;

/// A drawn link's points.
type Polyline<'a> = &'a [(f32, f32)];

/// A link drawn between two nodes, by the ids the spec gives them, and its polyline.
type Drawn = ((String, String), Vec<(f32, f32)>);

/// The diagram `infradoc build` draws for a design: its findings, its direction (turned when
/// too wide), pools folded.
fn built(design: &Design) -> Diagram {
    let report = lint(design, "2026-11-28");
    let findings: Vec<_> = report.active().collect();
    layout(design, &findings, design.direction)
}

/// 300 random zone trees, the same every run, with the direction each is drawn in.
fn random_zone_trees() -> Vec<(Design, Direction)> {
    seeded(crate::zone_trees::tree(), |tree| {
        (
            design_of(&crate::zone_trees::tree_text(&tree)),
            drawn(tree.tb),
        )
    })
}

/// Our links with the ids of their two ends, read from their `link-<from>-<to>-<n>` ids
/// against the ids of the boxes; a link to the DNS box (`dns-lookup`) ends at `dns`.
fn our_links(d: &Diagram) -> Vec<Drawn> {
    let ids: Vec<&str> = d
        .nodes
        .iter()
        .filter_map(|n| {
            n.dom_id
                .strip_prefix("component-")
                .or_else(|| n.dom_id.strip_prefix("vip-"))
        })
        .chain(["dns"])
        .collect();
    d.edges
        .iter()
        .filter_map(|e| {
            let ends = e.dom_id.strip_prefix("link-")?.rsplit_once('-')?.0;
            let (from, to) = ends
                .match_indices('-')
                .map(|(k, _)| (&ends[..k], &ends[k + 1..]))
                .find(|(f, t)| ids.contains(f) && ids.contains(t))?;
            Some(((from.to_string(), to.to_string()), e.points.clone()))
        })
        .collect()
}

/// dot's edges in one `-Tjson` graph, with the names of their ends.
fn dot_links(graph: &serde_json::Value) -> Vec<Drawn> {
    let names: BTreeMap<u64, &str> = graph["objects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| Some((o["_gvid"].as_u64()?, o["name"].as_str()?)))
        .collect();
    graph["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let from = names.get(&e["tail"].as_u64()?)?;
            let to = names.get(&e["head"].as_u64()?)?;
            let points = spline(e["pos"].as_str()?);
            Some(((from.to_string(), to.to_string()), points))
        })
        .collect()
}

/// A dot `pos` (`e,x,y x,y x,y ...`, Bézier control points, optional start and end arrow
/// tips, `;` between pieces) as one polyline.
fn spline(pos: &str) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for part in pos.split(';') {
        let (mut start, mut end, mut control) = (None, None, Vec::new());
        for token in part.split_whitespace() {
            let fields: Vec<&str> = token.split(',').collect();
            let num = |s: &str| s.parse::<f32>().ok();
            match fields.as_slice() {
                ["s", x, y] => start = num(x).zip(num(y)),
                ["e", x, y] => end = num(x).zip(num(y)),
                [x, y] => control.extend(num(x).zip(num(y))),
                _ => {}
            }
        }
        out.extend(start);
        if let Some(&first) = control.first() {
            out.push(first);
        }
        for piece in control.windows(4).step_by(3) {
            for k in 1..=PIECES {
                out.push(bezier(piece, k as f32 / PIECES as f32));
            }
        }
        out.extend(end);
    }
    out
}

fn bezier(p: &[(f32, f32)], t: f32) -> (f32, f32) {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    let at = |f: fn(&(f32, f32)) -> f32| p.iter().zip(w).map(|(q, w)| f(q) * w).sum::<f32>();
    (at(|q| q.0), at(|q| q.1))
}

/// The links both pictures draw, matched by their ends (the first of each side's links between
/// the same two nodes go together): ours and dot's polylines, in the same order.
fn matched<'a>(ours: &'a [Drawn], theirs: &'a [Drawn]) -> Vec<(Polyline<'a>, Polyline<'a>)> {
    let mut left: Vec<&Drawn> = theirs.iter().collect();
    let mut pairs = Vec::new();
    for (ends, points) in ours {
        if let Some(k) = left.iter().position(|(e, _)| e == ends) {
            pairs.push((points.as_slice(), left.remove(k).1.as_slice()));
        }
    }
    pairs
}

/// The crossings among the links both pictures draw: (ours, dot's, links counted).
fn common_crossings(ours: &[Drawn], theirs: &[Drawn]) -> (usize, usize, usize) {
    let pairs = matched(ours, theirs);
    let (a, b): (Vec<_>, Vec<_>) = pairs.iter().copied().unzip();
    (crossings(&a), crossings(&b), pairs.len())
}

/// Of our crossings among `lines`, those where at least one of the two links runs along a
/// corridor (its route bends more than twice: it skips a layer, goes back or stays in its
/// layer).
fn corridor_crossings(lines: &[&[(f32, f32)]]) -> usize {
    let mut total = 0;
    for (i, a) in lines.iter().enumerate() {
        for b in &lines[i + 1..] {
            if a.len() > 4 || b.len() > 4 {
                total += crossings_between(a, b);
            }
        }
    }
    total
}

/// Lays out `graphs` (each a whole `digraph`, named uniquely) with one `dot -Tjson` run, by
/// graph name; `None` when `dot` is not installed.
fn dot_json(graphs: &str) -> Option<BTreeMap<String, serde_json::Value>> {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().expect("piped");
    let text = graphs.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child.wait_with_output().expect("dot runs");
    writer.join().expect("writer").expect("dot reads its input");
    let mut out = BTreeMap::new();
    for graph in serde_json::Deserializer::from_slice(&output.stdout).into_iter() {
        let graph: serde_json::Value = graph.expect("dot writes JSON");
        out.insert(graph["name"].as_str().unwrap_or("").to_string(), graph);
    }
    Some(out)
}

/// A design as `infradoc export --to dot` writes it, named `name`, drawn in `direction`.
fn dot_text(design: &Design, name: &str, direction: Direction) -> String {
    let mut design = design.clone();
    design.name = name.to_string();
    design.direction = direction;
    infradoc::export::to_dot(&design)
}

fn spec_name(path: &std::path::Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn crossings_on_every_spec_do_not_go_up() {
    let mut over = Vec::new();
    for path in all_specs() {
        let name = spec_name(&path);
        let design = design_of(&std::fs::read_to_string(&path).unwrap());
        let count = crossings(
            &built(&design)
                .edges
                .iter()
                .map(|e| e.points.as_slice())
                .collect::<Vec<_>>(),
        );
        let bound = SPEC_RATCHET.iter().find(|(n, _)| *n == name).map(|r| r.1);
        eprintln!("{name}: {count} crossings (ratchet {bound:?})");
        match bound {
            Some(b) if count <= b => {}
            Some(b) => over.push(format!("{name}: {count}, over {b}")),
            None => over.push(format!("{name}: {count}, not in SPEC_RATCHET yet")),
        }
    }
    assert!(over.is_empty(), "{over:?}");
}

#[test]
fn crossings_over_the_300_random_designs_do_not_go_up() {
    let (mut total, mut designs) = (0, 0);
    for (design, direction) in random_designs() {
        let count = diagram_crossings(&diagram(&design, direction));
        total += count;
        designs += usize::from(count > 0);
    }
    eprintln!("{designs} of 300 designs, {total} crossings");
    assert!(
        total <= RANDOM_RATCHET,
        "{total} crossings in {designs} designs, over {RANDOM_RATCHET}"
    );
}

#[test]
fn crossings_over_300_random_zone_trees_do_not_go_up() {
    let total: usize = random_zone_trees()
        .iter()
        .map(|(design, direction)| diagram_crossings(&diagram(design, *direction)))
        .sum();
    eprintln!("300 random zone trees: {total} crossings");
    assert!(
        total <= ZONED_RATCHET,
        "{total} crossings over the random zone trees (the ratchet is {ZONED_RATCHET})"
    );
}

/// Ours beside dot's on the links both draw, for every spec and the 300 random designs, where
/// `dot` is installed; prints the table docs/performance.md records. The aim is ours at or
/// below dot's; until then, how far above may not grow.
#[test]
fn crossings_beside_graphviz_dot() {
    let specs: Vec<(String, Design)> = all_specs()
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            (spec_name(p), design_of(&text))
        })
        .collect();
    let randoms = random_designs();
    let mut graphs = String::new();
    for (k, (_, design)) in specs.iter().enumerate() {
        graphs.push_str(&dot_text(design, &format!("spec-{k}"), design.direction));
    }
    for (k, (design, direction)) in randoms.iter().enumerate() {
        graphs.push_str(&dot_text(design, &format!("random-{k}"), *direction));
    }
    let Some(laid_out) = dot_json(&graphs) else {
        eprintln!("dot is not installed: nothing to compare");
        return;
    };
    // A graph dot could not lay out (Graphviz 2.43 gives up on some clustered graphs) is left
    // out on both sides.
    let theirs = |name: &str| laid_out.get(name).map(dot_links);
    let (mut ours_specs, mut dot_specs) = (0, 0);
    let (mut ours_whole, mut dot_whole) = (0, 0);
    for (k, (name, design)) in specs.iter().enumerate() {
        let Some(theirs) = theirs(&format!("spec-{k}")) else {
            eprintln!("{name}: dot laid out nothing");
            continue;
        };
        let mine = our_links(&built(design));
        let (ours, dot, links) = common_crossings(&mine, &theirs);
        let whole =
            |drawn: &[Drawn]| crossings(&drawn.iter().map(|d| d.1.as_slice()).collect::<Vec<_>>());
        let (ours_all, dot_all) = (whole(&mine), whole(&theirs));
        eprintln!(
            "{name}: {links} links both draw, ours {ours}, dot {dot}; whole pictures ({} and {} \
             links): ours {ours_all}, dot {dot_all}",
            mine.len(),
            theirs.len()
        );
        ours_specs += ours;
        dot_specs += dot;
        ours_whole += ours_all;
        dot_whole += dot_all;
    }
    eprintln!(
        "specs: ours {ours_specs}, dot {dot_specs}; whole pictures: ours {ours_whole}, dot {dot_whole}"
    );
    // Totals by size (components 1-4, 5-8, 9-13), and by direction: (designs, ours, dot).
    let mut by_size = [(0, 0, 0); 3];
    let mut by_direction = [(0, 0, 0); 2];
    let (mut ours_random, mut dot_random, mut along_corridors) = (0, 0, 0);
    let (mut fewer, mut more, mut skipped) = (0, 0, 0);
    for (k, (design, direction)) in randoms.iter().enumerate() {
        let Some(theirs) = theirs(&format!("random-{k}")) else {
            skipped += 1;
            continue;
        };
        let mine = our_links(&diagram(design, *direction));
        let (ours, dot, _) = common_crossings(&mine, &theirs);
        let lines: Vec<&[(f32, f32)]> = matched(&mine, &theirs).iter().map(|p| p.0).collect();
        along_corridors += corridor_crossings(&lines);
        ours_random += ours;
        dot_random += dot;
        fewer += usize::from(ours < dot);
        more += usize::from(ours > dot);
        // The random components, without the implicit `user`.
        let size = (design.components.len().saturating_sub(2) / 4).min(2);
        let tb = usize::from(*direction == Direction::TopToBottom);
        for slot in [&mut by_size[size], &mut by_direction[tb]] {
            *slot = (slot.0 + 1, slot.1 + ours, slot.2 + dot);
        }
    }
    eprintln!(
        "300 random designs ({skipped} dot could not lay out): ours {ours_random}, dot \
         {dot_random}; ours fewer in {fewer}, more in {more}; {along_corridors} of ours involve \
         a link along a corridor"
    );
    for (label, (designs, ours, dot)) in ["1-4", "5-8", "9-13"].iter().zip(by_size) {
        eprintln!("  {label} components: {designs} designs, ours {ours}, dot {dot}");
    }
    for (label, (designs, ours, dot)) in ["left to right", "top to bottom"].iter().zip(by_direction)
    {
        eprintln!("  {label}: {designs} designs, ours {ours}, dot {dot}");
    }
    assert!(
        ours_whole <= dot_whole,
        "specs, whole pictures: ours {ours_whole} against dot's {dot_whole}"
    );
    let ratio = |ours: usize, dot: usize| ours as f64 / dot.max(1) as f64;
    assert!(
        ratio(ours_specs, dot_specs) <= SPECS_OVER_DOT,
        "specs: ours {ours_specs} against dot's {dot_specs}, over {SPECS_OVER_DOT} times"
    );
    assert!(
        ratio(ours_random, dot_random) <= RANDOM_OVER_DOT,
        "random designs: ours {ours_random} against dot's {dot_random}, over {RANDOM_OVER_DOT} times"
    );
}

#[test]
fn a_dot_spline_becomes_a_polyline_to_its_arrow_tip() {
    let points = spline("e,10,0 0,0 3,0 6,0 9,0");
    assert_eq!(points.first(), Some(&(0.0, 0.0)));
    assert_eq!(points.last(), Some(&(10.0, 0.0)));
    assert_eq!(points.len(), PIECES + 2);
    assert_eq!(points[PIECES], (9.0, 0.0));
}

#[test]
fn links_are_matched_by_their_ends() {
    let line = |y: f32| vec![(0.0, y), (10.0, y)];
    let cross = vec![(5.0, -5.0), (5.0, 5.0)];
    let ends = |a: &str, b: &str| (a.to_string(), b.to_string());
    let ours = vec![
        (ends("a", "b"), line(0.0)),
        (ends("c", "d"), line(3.0)),
        (ends("dns", "a"), cross.clone()),
    ];
    let theirs = vec![(ends("c", "d"), cross.clone()), (ends("a", "b"), line(0.0))];
    // The lookup to the DNS box has no counterpart; dot's c -> d crosses its a -> b.
    assert_eq!(common_crossings(&ours, &theirs), (0, 1, 2));
}
