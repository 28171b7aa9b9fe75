//! Where wires enter their targets: one port per wire, or one for a group of wires that say
//! the same thing (src/layout/wires.rs `join_ends`), spread along the target's near side so
//! their labels stack without meeting.

use std::collections::BTreeMap;

use super::route::{Placed, Wire};

/// Room between a label and the line into its port: the arrowhead spreads this far on either
/// side of the line (an encrypted link's, 14 units wide, less the label's own padding).
pub(super) const ARROW_CLEAR: f32 = 4.0;

/// Room across the layers that the `k`th port's label needs after the port before it (or the
/// target's edge): the label, its gap, and the arrowheads' spread; a port with no label (as into
/// a long link's virtual node) needs only the gap.
fn label_room(label: f32, k: usize) -> f32 {
    label + 2.0 + clear(label) * if k == 0 { 1.0 } else { 2.0 }
}

/// [`ARROW_CLEAR`] for a port with a label, none without.
fn clear(label: f32) -> f32 {
    if label > 0.0 { ARROW_CLEAR } else { 0.0 }
}

/// The wires entering each target, as ports: each port one wire, or the wires of one group.
fn ports_of(wires: &[Wire]) -> BTreeMap<usize, Vec<Vec<usize>>> {
    let mut by_target: BTreeMap<usize, Vec<Vec<usize>>> = BTreeMap::new();
    for (i, w) in wires.iter().enumerate().filter(|(_, w)| !w.side) {
        let ports = by_target.entry(w.to).or_default();
        let shared = w
            .group
            .and_then(|g| ports.iter_mut().find(|p| wires[p[0]].group == Some(g)));
        match shared {
            Some(port) => port.push(i),
            None => ports.push(vec![i]),
        }
    }
    by_target
}

/// The label across the layers over a port: its widest wire's.
fn port_label(wires: &[Wire], port: &[usize]) -> f32 {
    port.iter().map(|&i| wires[i].label.1).fold(0.0, f32::max)
}

/// The offset along the near side of each wire's target where it enters, so labels stack.
pub(super) fn ports(wires: &[Wire], placed: &Placed<'_>) -> Vec<f32> {
    let mut port = vec![0.0; wires.len()];
    for (target, mut list) in ports_of(wires) {
        // Top to bottom by where the wires come from, so paths cross less.
        let center = |p: &Vec<usize>| {
            p.iter()
                .map(|&i| placed.v[wires[i].from].0 + placed.v[wires[i].from].1 / 2.0)
                .sum::<f32>()
                / p.len() as f32
        };
        list.sort_by(|a, b| center(a).total_cmp(&center(b)).then(a[0].cmp(&b[0])));
        let size = placed.v[target].1;
        let n = list.len() as f32;
        let even: Vec<f32> = (0..list.len())
            .map(|k| size * (k as f32 + 1.0) / (n + 1.0))
            .collect();
        let fits = list.iter().enumerate().all(|(k, p)| {
            let room = if k == 0 {
                even[0]
            } else {
                even[k] - even[k - 1]
            };
            room >= label_room(port_label(wires, p), k)
        });
        let mut at = 0.0;
        for (k, p) in list.iter().enumerate() {
            at = if fits {
                even[k]
            } else {
                at + label_room(port_label(wires, p), k) + if k == 0 { 2.0 } else { 4.0 }
            };
            for &i in p {
                port[i] = at;
            }
        }
    }
    port
}

/// The v extent every wire's target needs for its ports and labels.
pub fn port_room(wires: &[Wire], components: usize) -> Vec<f32> {
    let mut room = vec![0.0f32; components];
    for (target, ports) in ports_of(wires) {
        let used: f32 = ports
            .iter()
            .map(|p| {
                let label = port_label(wires, p);
                label + 6.0 + 2.0 * clear(label)
            })
            .sum();
        room[target] = used + 8.0;
    }
    room
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_of_wires_takes_room_for_one_port_and_one_label() {
        let wire = |from, label, group| Wire {
            group,
            ..Wire::new(from, 2, (14.0, label))
        };
        let apart = [wire(0, 80.0, None), wire(1, 80.0, None)];
        let one = 80.0 + 6.0 + 2.0 * ARROW_CLEAR;
        assert_eq!(port_room(&apart, 3)[2], 2.0 * one + 8.0);
        let joined = [wire(0, 80.0, Some(0)), wire(1, 0.0, Some(0))];
        assert_eq!(port_room(&joined, 3)[2], one + 8.0);
        assert_eq!(ports_of(&joined)[&2], vec![vec![0, 1]]);
    }
}
