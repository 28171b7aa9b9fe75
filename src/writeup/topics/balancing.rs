//! The load balancer: which algorithm it distributes with, and whether its servers share the
//! work or one waits for the other.

use super::*;

/// The components a component passes users' requests to.
fn backends(d: &Design, c: ComponentId) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = d
        .links_from(c)
        .filter(|l| l.serves())
        .map(|l| l.to)
        .collect();
    out.dedup();
    out
}

pub(super) fn algorithm(d: &Design) -> String {
    let lbs = of_kind(d, Kind::LoadBalancer);
    if lbs.is_empty() {
        return "This design has no load balancer, so no distribution algorithm.".into();
    }
    let mut parts = Vec::new();
    for &lb in &lbs {
        let c = d.component(lb);
        let Some(alg) = c.attrs.algorithm else {
            parts.push(format!(
                "{} declares no algorithm; HAProxy and Nginx default to round robin.",
                code(&c.id)
            ));
            continue;
        };
        let servers = backends(d, lb);
        let mut text = format!(
            "{} uses **{alg}**: it {}",
            flow::name(d, lb),
            clause(alg.describe())
        );
        if servers.len() > 1 {
            text.push_str(&format!(
                ". With {} behind it, {}",
                ids(d, &servers),
                match alg {
                    crate::spec::vocabulary::Algorithm::RoundRobin => format!(
                        "the first request goes to {}, the next to {}, and so on, so each gets an equal share",
                        code(&d.component(servers[0]).id),
                        code(&d.component(servers[1]).id)
                    ),
                    _ => "each server gets its share by that rule".to_string(),
                }
            ));
        } else if let [one] = servers.as_slice() {
            text.push_str(&format!(
                ". With only {} behind it, the algorithm has no choice to make until a second server is added",
                code(&d.component(*one).id)
            ));
        }
        if c.attrs.health_check == Some(true) {
            text.push_str(
                ", and a server that fails its health check gets no requests until it recovers",
            );
        }
        text.push('.');
        parts.push(text);
    }
    parts.dedup();
    parts.join("\n\n")
}

pub(super) fn setup(d: &Design) -> String {
    let mut text = String::from(
        "Active-active: every node serves traffic at once and shares the load; losing one lowers \
         capacity but nothing has to take over. Active-passive: one node serves while a standby \
         waits; when the active node fails, the standby takes over its address and traffic, and \
         until then its capacity sits idle.",
    );
    let mut facts = Vec::new();
    for v in &d.vips {
        facts.push(format!(
            "The load balancers {} are **{}**: {} answers on the virtual IP {}, and {} {} if it fails{}.",
            ids(d, &v.held_by),
            v.mode,
            code(&d.component(v.held_by[0]).id),
            code(&v.ip.to_string()),
            ids(d, &v.held_by[1..]),
            if v.held_by.len() > 2 { "take it over" } else { "takes it over" },
            v.software
                .as_ref()
                .map(|s| format!(" ({} moves it)", escape(s)))
                .unwrap_or_default()
        ));
    }
    for lb in of_kind(d, Kind::LoadBalancer) {
        let servers = backends(d, lb);
        let c = d.component(lb);
        if d.vips
            .iter()
            .any(|v| v.held_by.contains(&lb) && v.held_by[0] != lb)
        {
            continue;
        }
        match servers.as_slice() {
            [] => {}
            [one] => facts.push(format!(
                "Behind {} there is one server, {}: neither setup applies to it until a second is added.",
                code(&c.id),
                code(&d.component(*one).id)
            )),
            many => {
                let mode = c.attrs.setup.unwrap_or(Setup::ActiveActive);
                let how = match mode {
                    Setup::ActiveActive => "every one of them serves requests at the same time",
                    Setup::ActivePassive => "the first serves and the others stand by",
                };
                facts.push(format!(
                    "{} runs {} **{mode}**: {how}.",
                    code(&c.id),
                    ids(d, many)
                ));
            }
        }
    }
    if facts.is_empty() {
        facts.push("This design has no load balancer, so it is neither.".into());
    }
    text.push_str(&format!(" In this design: {}", facts.join(" ")));
    text
}
