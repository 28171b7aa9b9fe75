//! Zones in the diagram: nested frames that hold their hosts and nothing else, on the real
//! design and on random trees of zones.

use infradoc::layout::{Diagram, EdgeStyle, Rect};
use infradoc::model::{Design, ZoneId};
use infradoc::render::{Theme, svg};
use infradoc::spec::ZoneKind;
use infradoc::spec::vocabulary::Direction;
use proptest::prelude::*;

use crate::diagram::{check_geometry, design_of, diagram, links_through_other_hosts, render};
use crate::zone_trees::{tree, tree_text};
use crate::{all_specs, root};

/// The zone a frame stands for.
fn zone_of(design: &Design, dom_id: &str) -> Option<ZoneId> {
    design
        .zone_ids()
        .find(|&z| format!("zone-{}", design.zone(z).id) == dom_id)
}

/// Whether the zone `inner` sits in `outer` (or is it).
fn within(design: &Design, inner: ZoneId, outer: ZoneId) -> bool {
    design.zone_chain(inner).any(|z| z == outer)
}

/// The zones a box belongs to, by its dom id: a host's, or the host's of a component on one.
fn box_in(design: &Design, dom_id: &str, zone: ZoneId) -> bool {
    let host = if let Some(id) = dom_id.strip_prefix("host-") {
        design.host_ids().find(|&h| design.host(h).id == id)
    } else if let Some(id) = dom_id.strip_prefix("component-") {
        design
            .component_ids()
            .find(|&c| design.component(c).id == id)
            .and_then(|c| design.component(c).host)
    } else {
        None
    };
    host.is_some_and(|h| design.host_in(h, zone))
}

/// Every rule the frames keep: each frame holds the boxes of its hosts and components and
/// the frames of the zones inside it, and no other box or frame meets it; titles and badges
/// lie inside their frame and meet no box, no label and no other title; a zone is drawn
/// exactly when a drawn host sits in it.
fn check_zones(design: &Design, d: &Diagram) -> Result<(), String> {
    let grown = |r: &Rect, by: f32| Rect::new(r.x, r.y, r.w + by, r.h + by);
    let labels: Vec<&Rect> = d
        .edges
        .iter()
        .filter_map(|e| e.label.as_ref().map(|l| &l.rect))
        .collect();
    for (i, z) in d.zones.iter().enumerate() {
        let id = zone_of(design, &z.dom_id).ok_or(format!("no zone {}", z.dom_id))?;
        let r = &z.rect;
        if r.x < 0.0 || r.y < 0.0 || r.right() > d.width || r.bottom() > d.height {
            return Err(format!("{} outside the picture", z.dom_id));
        }
        if !r.contains(&z.title.rect) || z.badges.iter().any(|b| !r.contains(&b.rect)) {
            return Err(format!("the title of {} leaves its frame", z.dom_id));
        }
        let mut holds_a_host = false;
        for h in &d.hosts {
            // A folded pool's stack shows 8 units past its box.
            let drawn = grown(&h.rect, if h.stack > 1 { 8.0 } else { 0.0 });
            if box_in(design, &h.dom_id, id) {
                holds_a_host = true;
                if !r.contains(&drawn) {
                    return Err(format!("{} leaves {}", h.dom_id, z.dom_id));
                }
            } else if r.overlaps(&drawn) {
                return Err(format!("{} is not in {} but meets it", h.dom_id, z.dom_id));
            }
            if h.rect.overlaps(&z.title.rect) || h.title.rect.overlaps(&z.title.rect) {
                return Err(format!("{} covers the title of {}", h.dom_id, z.dom_id));
            }
        }
        if !holds_a_host {
            return Err(format!("{} is drawn around no host", z.dom_id));
        }
        for n in &d.nodes {
            if box_in(design, &n.dom_id, id) {
                if !r.contains(&n.rect) {
                    return Err(format!("{} leaves {}", n.dom_id, z.dom_id));
                }
            } else if r.overlaps(&n.rect) {
                return Err(format!("{} is not in {} but meets it", n.dom_id, z.dom_id));
            }
            if n.rect.overlaps(&z.title.rect) {
                return Err(format!("{} covers the title of {}", n.dom_id, z.dom_id));
            }
        }
        if let Some(l) = labels.iter().find(|l| l.overlaps(&z.title.rect)) {
            return Err(format!("label {l:?} covers the title of {}", z.dom_id));
        }
        for o in &d.zones[i + 1..] {
            let other = zone_of(design, &o.dom_id).ok_or(format!("no zone {}", o.dom_id))?;
            if o.title.rect.overlaps(&z.title.rect) {
                return Err(format!("titles of {} and {} meet", z.dom_id, o.dom_id));
            }
            let fits = if within(design, other, id) {
                r.contains(&o.rect) && !o.rect.contains(r)
            } else if within(design, id, other) {
                o.rect.contains(r) && !r.contains(&o.rect)
            } else {
                !r.overlaps(&o.rect)
            };
            if !fits {
                return Err(format!(
                    "frames {} and {} overlap without nesting",
                    z.dom_id, o.dom_id
                ));
            }
        }
    }
    // Every zone holding a drawn host is drawn.
    for h in &d.hosts {
        let Some(host) = design
            .host_ids()
            .find(|&x| h.dom_id == format!("host-{}", design.host(x).id))
        else {
            continue;
        };
        for z in design.host_zones(host) {
            let dom = format!("zone-{}", design.zone(z).id);
            if !d.zones.iter().any(|x| x.dom_id == dom) {
                return Err(format!("{dom} holds {} but is not drawn", h.dom_id));
            }
        }
    }
    Ok(())
}

fn three_zones() -> Design {
    design_of(&std::fs::read_to_string(root().join("specs/three-zone-web-service.toml")).unwrap())
}

fn frame<'a>(d: &'a Diagram, id: &str) -> &'a infradoc::layout::ZoneBox {
    d.zones
        .iter()
        .find(|z| z.dom_id == format!("zone-{id}"))
        .unwrap_or_else(|| panic!("no frame {id}"))
}

#[test]
fn the_three_zone_design_draws_its_zones_nested() {
    let design = three_zones();
    for direction in [Direction::TopToBottom, Direction::LeftToRight] {
        let d = diagram(&design, direction);
        check_geometry(&d).unwrap_or_else(|e| panic!("{direction}: {e}"));
        check_zones(&design, &d).unwrap_or_else(|e| panic!("{direction}: {e}"));
        assert_eq!(links_through_other_hosts(&d), Vec::<String>::new());
        let kinds: Vec<(&str, ZoneKind, bool, usize)> = d
            .zones
            .iter()
            .map(|z| (z.dom_id.as_str(), z.kind, z.public, z.depth))
            .collect();
        assert_eq!(
            kinds,
            [
                ("zone-eu-west-1", ZoneKind::Region, false, 0),
                ("zone-az-a", ZoneKind::AvailabilityZone, false, 1),
                ("zone-az-b", ZoneKind::AvailabilityZone, false, 1),
                ("zone-az-c", ZoneKind::AvailabilityZone, false, 1),
                ("zone-private-a", ZoneKind::Network, false, 2),
                ("zone-private-b", ZoneKind::Network, false, 2),
                ("zone-private-c", ZoneKind::Network, false, 2),
                ("zone-public-a", ZoneKind::Network, true, 2),
            ]
        );
        // Titles move along their frame's top past the paths that cross it there.
        for z in &d.zones {
            let t = z.title.rect;
            for e in &d.edges {
                let crosses = e.points.windows(2).any(|w| {
                    let ((ax, ay), (bx, by)) = (w[0], w[1]);
                    ax.min(bx) < t.right()
                        && ax.max(bx) > t.x
                        && ay.min(by) < t.bottom()
                        && ay.max(by) > t.y
                });
                assert!(
                    !crosses,
                    "{direction}: {} crosses the title of {}",
                    e.dom_id, z.dom_id
                );
            }
        }
        // The security groups guard four networks: each network's title names them, and no
        // line runs to each.
        assert_eq!(
            frame(&d, "public-a").title.text,
            "public-a · public network · behind acl"
        );
        assert_eq!(frame(&d, "eu-west-1").title.text, "eu-west-1 · region");
        assert!(d.edges.iter().all(|e| !e.dom_id.starts_with("link-acl-")));
        // Guarding two, the firewall's tie to each network ends on the network's frame.
        let two = design_of(
            &std::fs::read_to_string(root().join("specs/three-zone-web-service.toml"))
                .unwrap()
                .replace(
                    "protects = [\"public-a\", \"private-a\", \"private-b\", \"private-c\"]",
                    "protects = [\"public-a\", \"private-b\"]",
                ),
        );
        let d = diagram(&two, direction);
        assert_eq!(
            frame(&d, "public-a").title.text,
            "public-a · public network"
        );
        for zone in ["public-a", "private-b"] {
            let tie = d
                .edges
                .iter()
                .find(|e| e.dom_id == format!("link-acl-{zone}-1"))
                .unwrap_or_else(|| panic!("no tie to {zone}"));
            assert_eq!(tie.style, EdgeStyle::Association);
            let r = frame(&d, zone).rect;
            let &(x, y) = tie.points.last().unwrap();
            let on_border = (x - r.x).abs() < 0.01
                || (x - r.right()).abs() < 0.01
                || (y - r.y).abs() < 0.01
                || (y - r.bottom()).abs() < 0.01;
            assert!(
                on_border && x >= r.x - 0.01 && x <= r.right() + 0.01,
                "{direction}: the tie to {zone} ends at ({x}, {y}), not on {r:?}"
            );
        }
        // The load balancer leads into the zones, the backups follow from them: both drawn
        // before and after the region, not beside it.
        let region = frame(&d, "eu-west-1").rect;
        let node = |id: &str| {
            d.nodes
                .iter()
                .find(|n| n.dom_id == format!("component-{id}"))
                .unwrap()
                .rect
        };
        let (before, after) = match direction {
            Direction::TopToBottom => (
                node("lb").bottom() < region.y,
                node("backups").y > region.bottom(),
            ),
            Direction::LeftToRight => (
                node("lb").right() < region.x,
                node("backups").x > region.right(),
            ),
        };
        assert!(
            before && after,
            "{direction}: lb {:?}, backups {:?}, region {region:?}",
            node("lb"),
            node("backups")
        );
    }
    // The provider's load balancer names its zones in a tooltip.
    let svg = render(&design, Direction::TopToBottom);
    assert!(
        svg.contains(
            "<g id=\"component-lb\">\n<title>lb: the provider runs it in az-a, az-b and az-c</title>"
        ),
        "no tooltip"
    );
    // Each kind of zone is drawn its own way.
    assert!(svg.contains("<rect class=\"network public\""));
    assert!(svg.contains("stroke-dasharray=\"6 4\""));
    let auto = svg::render(
        &diagram(&design, Direction::TopToBottom),
        &Theme::load("auto").unwrap(),
    );
    assert!(auto.contains(".network.public{fill:"), "dark frames");
}

#[test]
fn every_spec_keeps_the_zone_rules() {
    for path in all_specs() {
        let design = design_of(&std::fs::read_to_string(&path).unwrap());
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let d = diagram(&design, direction);
            if let Err(e) = check_zones(&design, &d) {
                panic!("{} {direction}: {e}", path.display());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_zone_trees_keep_every_box_in_its_frames(t in tree()) {
        let text = tree_text(&t);
        let compiled = infradoc::compile(infradoc::diagnostic::SourceFile::new("t.toml", &text));
        let Some(design) = compiled.design else {
            return Err(TestCaseError::fail(format!("invalid: {:?}\n{text}", compiled.diagnostics)));
        };
        let direction = if t.tb { Direction::TopToBottom } else { Direction::LeftToRight };
        let d = diagram(&design, direction);
        if let Err(e) = check_geometry(&d).and_then(|()| check_zones(&design, &d)) {
            return Err(TestCaseError::fail(format!("{direction}: {e}\n{text}")));
        }
        prop_assert_eq!(render(&design, direction), render(&design, direction));
    }
}

#[test]
fn a_large_design_in_many_zones_keeps_the_rules() {
    // About 400 components in 20 zones, folded and not, both ways.
    let design = design_of(&crate::diagram::generated::zoned_spec(408, 20));
    assert_eq!(design.zones.len(), 20);
    for direction in [Direction::TopToBottom, Direction::LeftToRight] {
        for unfold in [false, true] {
            let report = infradoc::lint::lint(&design, "2026-11-28");
            let findings: Vec<_> = report.active().collect();
            let d = infradoc::layout::layout_with(
                &design,
                &findings,
                infradoc::layout::Options {
                    direction,
                    unfold,
                    keep_direction: true,
                },
            );
            check_geometry(&d).unwrap_or_else(|e| panic!("{direction} {unfold}: {e}"));
            check_zones(&design, &d).unwrap_or_else(|e| panic!("{direction} {unfold}: {e}"));
            assert_eq!(d.zones.len(), 20);
        }
    }
}
