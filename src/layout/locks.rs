//! Certificates drawn as a lock on what presents them: a certificate is not a machine nor a
//! service traffic goes through, so it gets no box and no dotted line. A lock on the corner
//! of each box it is installed on names it, its issuer and its domains in a tooltip, and the
//! legend says which names it covers. A certificate with findings of its own, links, or
//! nothing to be installed on keeps its box.

use crate::diagnostic::Severity;
use crate::model::{Design, Kind};

use super::fold::without;
use super::geometry::Rect;
use super::text;
use super::{Lock, NodeBox};

type Badges = Vec<Vec<(&'static str, Severity)>>;

/// The design as drawn with its certificates as locks.
pub(super) struct Locked {
    pub design: Design,
    pub component_badges: Badges,
    /// Per component of `design`: the tooltip of each lock on its box.
    pub locks: Vec<Vec<String>>,
    /// Per certificate drawn as locks: its legend line.
    pub legend: Vec<String>,
}

/// Puts each box's locks (`locks_on`, their tooltips) on its top edge, from its right corner.
pub(super) fn put_locks(nodes: &mut [NodeBox], locks_on: &[Vec<String>]) {
    for (node, on) in nodes.iter_mut().zip(locks_on) {
        node.locks = on
            .iter()
            .enumerate()
            .map(|(k, text)| Lock {
                rect: Rect::new(
                    node.rect.right() - 9.0 - 18.0 * k as f32,
                    node.rect.y - 8.0,
                    16.0,
                    16.0,
                ),
                text: text.clone(),
            })
            .collect();
    }
}

/// Turns the certificates that can be locks into locks; `None` when there is none.
pub(super) fn lock(design: &Design, component_badges: &Badges) -> Option<Locked> {
    let linked: Vec<bool> = {
        let mut linked = vec![false; design.components.len()];
        for l in &design.links {
            linked[l.from.0 as usize] = true;
            linked[l.to.0 as usize] = true;
        }
        linked
    };
    let drop: Vec<bool> = design
        .components
        .iter()
        .enumerate()
        .map(|(c, component)| {
            component.kind == Kind::TlsCertificate
                && !component.attrs.installed_on.is_empty()
                && component_badges[c].is_empty()
                && !linked[c]
        })
        .collect();
    if !drop.contains(&true) {
        return None;
    }
    let mut on = vec![Vec::new(); design.components.len()];
    let mut legend = Vec::new();
    for (_, component) in design
        .components
        .iter()
        .enumerate()
        .filter(|&(c, _)| drop[c])
    {
        let domains = component.attrs.domains.join(", ");
        let mut tooltip = component.id.clone();
        if let Some(sw) = &component.software {
            tooltip.push_str(&format!(" · {sw}"));
        }
        if !domains.is_empty() {
            tooltip.push_str(&format!(" · {domains}"));
        }
        for target in &component.attrs.installed_on {
            on[target.0 as usize].push(text::clip(&tooltip, 120));
        }
        let what = if domains.is_empty() {
            format!("{}: TLS certificate installed here", component.id)
        } else {
            format!("{}: TLS certificate for {domains}", component.id)
        };
        legend.push(text::clip(&what, 80));
    }
    let (drawn, kept) = without(design, &vec![false; design.hosts.len()], &drop);
    Some(Locked {
        design: drawn,
        component_badges: kept.iter().map(|&c| component_badges[c].clone()).collect(),
        locks: kept.iter().map(|&c| on[c].clone()).collect(),
        legend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn a_certificate_with_a_finding_keeps_its_box() {
        let design = crate::design_of(
            "[design]\nname = \"t\"\n[components.web]\nkind = \"web-server\"\n[components.cert]\nkind = \"tls-certificate\"\ninstalled_on = [\"web\"]\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"https\"\n",
        );
        let cert = design
            .components
            .iter()
            .position(|c| c.id == "cert")
            .unwrap();
        let mut badges: Badges = vec![Vec::new(); design.components.len()];
        let locked = lock(&design, &badges).expect("a lock");
        assert!(locked.design.components.iter().all(|c| c.id != "cert"));
        badges[cert].push(("S001", Severity::Error));
        assert!(lock(&design, &badges).is_none());
    }
}
