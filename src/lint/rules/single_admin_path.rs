//! A006 single-admin-path.

use crate::lint::rule::{Context, Hit, Rule, RuleMeta, Subject, declare_rule};
use crate::model::{ComponentId, Design, HostId, Kind};
use crate::spec::vocabulary::{Protocol, Purpose};

declare_rule! {
    /// ## What it does
    /// Finds the machine that carries all of the operators' access: when it fails, no
    /// `purpose = "admin"` link (SSH through a bastion, a VPN for staff) can reach any other
    /// machine any more. Operators arrive from a `client` over `serve` or `admin` links; a
    /// machine is reached when an admin link from one they can reach leads to it. A managed
    /// component (such as a provider's session manager) is not reported.
    ///
    /// ## Why is this bad?
    /// The moment operators most need to log in is when something is broken. If the one
    /// bastion or VPN gateway is down, nobody can restart a service, read a log or restore a
    /// backup until that machine is repaired, and repairing it may itself need the access it
    /// provided.
    ///
    /// ## Example
    /// ```toml
    /// [[links]]
    /// from = "user"
    /// to = "ssh-bastion"
    /// protocol = "ssh"
    /// purpose = "admin"
    ///
    /// [[links]]
    /// from = "ssh-bastion"
    /// to = ["app-1", "app-2", "pg-primary"]
    /// protocol = "ssh"
    /// purpose = "admin"
    /// ```
    ///
    /// ## Use instead
    /// A second bastion on another host, or an out-of-band way in (the provider's serial
    /// console, a second VPN gateway) written down as its own `purpose = "admin"` link, with
    /// the procedure in the runbook.
    pub struct SingleAdminPath {
        code: "A006",
        name: "single-admin-path",
        category: Availability,
        severity: Warning,
        summary: "One machine carries all of the operators' access to the others.",
    }
}

impl Rule for SingleAdminPath {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Hit>) {
        let design = cx.design;
        if !design.links.iter().any(|l| l.purpose == Purpose::Admin) {
            return;
        }
        if administered(design, &[]).is_empty() {
            return;
        }
        // Each machine admin links start from, once: its host, else itself.
        let mut units: Vec<(Subject, Vec<ComponentId>, String)> = Vec::new();
        for link in design.links.iter().filter(|l| l.purpose == Purpose::Admin) {
            let c = design.component(link.from);
            if c.kind == Kind::Client || c.managed {
                continue;
            }
            let unit = match c.host {
                Some(h) => (
                    Subject::Host(h),
                    design.components_on(h).to_vec(),
                    design.host(h).id.clone(),
                ),
                None => (Subject::Component(link.from), vec![link.from], c.id.clone()),
            };
            if !units.iter().any(|u| u.0 == unit.0) {
                units.push(unit);
            }
        }
        for (subject, failed, name) in units {
            if !administered(design, &failed).is_empty() {
                continue;
            }
            let via: Vec<ComponentId> = failed
                .iter()
                .copied()
                .filter(|&c| design.links_from(c).any(|l| l.purpose == Purpose::Admin))
                .collect();
            let mut hit = Hit::new(
                subject,
                format!("if {name} fails, operators cannot reach any machine"),
                format!(
                    "give operators a second way in that does not pass through {name}: a second bastion on another host, or out-of-band access (the provider's console) written down as its own `purpose = \"admin\"` link"
                ),
            )
            .note(format!(
                "all admin access goes through {}",
                super::components(design, &via)
            ));
            if let Subject::Host(h) = subject {
                hit = hit.related(host_span(design, h), "this host");
            }
            out.push(hit);
        }
    }
}

fn host_span(design: &Design, h: HostId) -> Option<crate::diagnostic::Span> {
    Some(design.host(h).span)
}

/// The components operators reach over an admin link while `failed` is down (its members
/// excluded).
fn administered(design: &Design, failed: &[ComponentId]) -> Vec<ComponentId> {
    let n = design.components.len();
    let mut down = vec![false; n];
    for &f in failed {
        down[f.0 as usize] = true;
    }
    let mut seen = down.clone();
    let mut stack: Vec<ComponentId> = design
        .components_of_kind(Kind::Client)
        .filter(|c| !seen[c.0 as usize])
        .collect();
    for c in &stack {
        seen[c.0 as usize] = true;
    }
    let mut reached = Vec::new();
    while let Some(c) = stack.pop() {
        for link in design.links_from(c) {
            let carries = match link.purpose {
                Purpose::Admin => true,
                Purpose::Serve => link.protocol != Protocol::Replication,
                Purpose::Background => false,
            };
            if !carries || down[link.to.0 as usize] {
                continue;
            }
            if link.purpose == Purpose::Admin {
                reached.push(link.to);
            }
            if !seen[link.to.0 as usize] {
                seen[link.to.0 as usize] = true;
                stack.push(link.to);
            }
        }
    }
    reached
}
