//! A firewall's tie to a zone it protects, ending at the zone's frame; the managed components
//! spread over zones.

use crate::model::{Design, Kind, Target, ZoneId};

use super::super::route::{Route, Wire};
use super::super::{EdgeStyle, Spread};
use super::Frame;

/// Adds the ties from firewalls to the zones they protect (not to one they sit in): each a
/// dotted wire to the component in the zone that traffic from outside reaches first, which
/// [`cut_ties`] ends at the zone's frame. Returns each tie's wire and zone.
pub(in crate::layout) fn add_ties(
    design: &Design,
    wires: &mut Vec<Wire>,
    info: &mut Vec<(String, EdgeStyle, Option<String>)>,
) -> Vec<(usize, ZoneId)> {
    let mut out = Vec::new();
    for c in design.component_ids() {
        let component = design.component(c);
        if component.kind != Kind::Firewall {
            continue;
        }
        for target in &component.attrs.protects {
            let Target::Zone(z) = *target else { continue };
            if design.covers(Target::Zone(z), c)
                || super::super::hubs::folding_firewall(design, Target::Zone(z))
                    == Some(&component.id)
            {
                continue;
            }
            let Some(entry) = entry(design, z) else {
                continue;
            };
            out.push((wires.len(), z));
            wires.push(Wire::new(c.0 as usize, entry, (0.0, 0.0)));
            info.push((
                format!("link-{}-{}-1", component.id, design.zone(z).id),
                EdgeStyle::Association,
                None,
            ));
        }
    }
    out
}

/// The component in the zone that traffic from outside it reaches first: one on the request
/// path that a link from outside reaches, earliest in the request, then by index.
fn entry(design: &Design, zone: ZoneId) -> Option<usize> {
    design
        .hosts_in(zone)
        .into_iter()
        .flat_map(|h| design.components_on(h).iter().copied())
        .min_by_key(|&x| {
            let kind = design.component(x).kind;
            let on_path = crate::analysis::on_request_path(kind) && kind != Kind::Firewall;
            let from_outside = design
                .links_to(x)
                .any(|l| !design.covers(Target::Zone(zone), l.from));
            (!on_path, !from_outside, kind.tier(), x.0)
        })
        .map(|x| x.0 as usize)
}

/// Ends each tie at its zone's frame (`extents` along the layers, by frame).
pub(in crate::layout) fn cut_ties(
    routes: &mut [Route],
    ties: &[(usize, ZoneId)],
    frames: &[Frame],
    extents: &[(f32, f32)],
) {
    for &(wire, zone) in ties {
        let Some(f) = frames.iter().position(|f| f.zone == zone) else {
            continue;
        };
        let (u0, u1) = extents[f];
        let frame = &frames[f];
        clip(
            &mut routes[wire].points,
            (u0, frame.v, u1, frame.v + frame.v_size),
        );
    }
}

/// Cuts a path where it first enters the rectangle `(u0, v0, u1, v1)`: the tie ends at the
/// frame. A path that starts inside is left whole.
pub(in crate::layout) fn clip(
    points: &mut Vec<(f32, f32)>,
    (u0, v0, u1, v1): (f32, f32, f32, f32),
) {
    let inside = |(u, v): (f32, f32)| u > u0 && u < u1 && v > v0 && v < v1;
    if points.first().is_none_or(|&p| inside(p)) {
        return;
    }
    for i in 1..points.len() {
        let (a, b) = (points[i - 1], points[i]);
        // Liang-Barsky: where the segment a-b enters the rectangle, if it does, and the
        // border it enters by (so the end lies exactly on it).
        let (du, dv) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        let mut border: Option<(bool, f32)> = None;
        let mut meets = true;
        for (q, d, along_u, at) in [
            (a.0 - u0, -du, true, u0),
            (u1 - a.0, du, true, u1),
            (a.1 - v0, -dv, false, v0),
            (v1 - a.1, dv, false, v1),
        ] {
            if d == 0.0 {
                meets &= q >= 0.0;
            } else if d < 0.0 {
                let t = q / d;
                if t > t0 {
                    t0 = t;
                    border = Some((along_u, at));
                }
            } else {
                t1 = t1.min(q / d);
            }
        }
        if meets && t0 < t1 && (t0 > 0.0 || inside(b)) {
            let mut at = (a.0 + t0 * du, a.1 + t0 * dv);
            match border {
                Some((true, u)) => at.0 = u,
                Some((false, v)) => at.1 = v,
                None => {}
            }
            points.truncate(i);
            points.push(at);
            return;
        }
    }
}

/// The managed components the provider spreads over zones, with the zones named.
pub(in crate::layout) fn spread(design: &Design) -> Vec<Spread> {
    design
        .components
        .iter()
        .filter(|c| !c.zones.is_empty())
        .map(|c| {
            let names: Vec<String> = c.zones.iter().map(|&z| design.zone(z).id.clone()).collect();
            let list = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => names.join(""),
            };
            Spread {
                dom_id: format!("component-{}", c.id),
                text: format!("{}: the provider runs it in {list}", c.id),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_cut_where_it_enters_the_frame() {
        let mut p = vec![(0.0, 5.0), (20.0, 5.0), (20.0, 50.0), (40.0, 50.0)];
        clip(&mut p, (10.0, 30.0, 100.0, 100.0));
        assert_eq!(p, vec![(0.0, 5.0), (20.0, 5.0), (20.0, 30.0)]);
        // Along the first segment.
        let mut p = vec![(0.0, 50.0), (40.0, 50.0)];
        clip(&mut p, (10.0, 30.0, 100.0, 100.0));
        assert_eq!(p, vec![(0.0, 50.0), (10.0, 50.0)]);
        // From inside: left whole.
        let mut p = vec![(20.0, 50.0), (40.0, 50.0)];
        clip(&mut p, (10.0, 30.0, 100.0, 100.0));
        assert_eq!(p.len(), 2);
    }
}
