//! How a group of components failing at once (a host, a firewall box, a zone) is worked out:
//! from the dominator tree when one member dominates the rest, else by one search.

use std::collections::BTreeSet;

use crate::model::{ComponentId, Design, Kind};

use super::dominators::DominatorTree;
use super::request::{NEEDED, RequestGraph, writable};
use super::{HostFailure, Impact};

/// Which nodes' failure cuts what: from the dominator tree of the intact design.
pub(super) struct Cuts<'a> {
    pub(super) lost_by: &'a [Vec<Kind>],
    pub(super) site_down_by: &'a BTreeSet<u32>,
    pub(super) writes_lost_by: &'a BTreeSet<u32>,
    /// Whether the intact design reaches a writable database at all.
    pub(super) any_writer: bool,
}

impl Cuts<'_> {
    pub(super) fn of(&self, node: u32) -> Impact {
        Impact {
            lost: self.lost_by[node as usize].clone(),
            site_down: self.site_down_by.contains(&node),
            writes_lost: self.writes_lost_by.contains(&node),
        }
    }
}

/// Reusable state for the reachability searches hosts may need.
pub(super) struct Search<'a> {
    pub(super) design: &'a Design,
    pub(super) graph: &'a RequestGraph,
    pub(super) tree: &'a DominatorTree,
    pub(super) reachable_kinds: &'a [Kind],
    pub(super) seen: Vec<u32>,
    pub(super) stack: Vec<u32>,
    pub(super) stamp: u32,
}

impl Search<'_> {
    /// The impact of every component in `group` failing at once (a host, a firewall).
    pub(super) fn group(&mut self, group: &[ComponentId], cut: &Cuts<'_>) -> (Impact, HostFailure) {
        // Members dominated by another member add nothing: they fall with it.
        let mut members: Vec<u32> = group
            .iter()
            .map(|c| c.0)
            .filter(|&c| self.tree.reachable(c))
            .collect();
        // In the tree's walk, a member dominated by another comes after it and leaves
        // before it does: sorted by entry, a member is on top unless it lies in the span of
        // the last member on top (spans nest or are apart).
        members.sort_unstable_by_key(|&m| self.tree.entered(m));
        let mut top: Vec<u32> = Vec::new();
        for m in members {
            if top
                .last()
                .is_none_or(|&t| self.tree.left(m) > self.tree.left(t))
            {
                top.push(m);
            }
        }
        match top.as_slice() {
            [] => (Impact::default(), HostFailure::Nothing),
            [one] => (cut.of(*one), HostFailure::Like(*one)),
            _ => self.search(&top, cut.any_writer),
        }
    }

    fn search(&mut self, failed: &[u32], any_writer: bool) -> (Impact, HostFailure) {
        self.stamp += 1;
        let stamp = self.stamp;
        self.graph
            .reach(failed, &mut self.seen, stamp, &mut self.stack);
        let n = self.design.components.len();
        let mut still = BTreeSet::new();
        let mut unreachable = Vec::new();
        let mut writer = false;
        for c in 0..n {
            if !self.tree.reachable(c as u32) {
                continue;
            }
            if self.seen[c] == stamp {
                let kind = self.design.components[c].kind;
                if NEEDED.contains(&kind) {
                    still.insert(kind);
                }
                writer |= writable(&self.design.components[c]);
            } else {
                unreachable.push(ComponentId(c as u32));
            }
        }
        let lost: Vec<Kind> = self
            .reachable_kinds
            .iter()
            .copied()
            .filter(|k| !still.contains(k))
            .collect();
        let impact = Impact {
            site_down: !self.reachable_kinds.is_empty() && still.is_empty(),
            lost,
            writes_lost: any_writer && !writer,
        };
        (impact, HostFailure::Searched(unreachable))
    }
}
