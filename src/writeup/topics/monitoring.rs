//! Monitoring: what it is for, how the design collects its data, and how to watch the web
//! server's queries per second.

use super::*;

fn agents(d: &Design) -> Vec<ComponentId> {
    of_kind(d, Kind::MonitoringAgent)
}

pub(super) fn monitoring(d: &Design) -> String {
    let mut text = "Monitoring collects logs and metrics from the servers so that operators see \
        the site's health and load, are alerted when something fails or slows down, and have \
        the data to find the cause and to plan capacity."
        .to_string();
    let agents = agents(d);
    let services = of_kind(d, Kind::MonitoringService);
    if agents.is_empty() && services.is_empty() {
        text.push_str(
            " This design has no monitoring: an outage is noticed only when users complain.",
        );
        return text;
    }
    let watched: Vec<HostId> = agents.iter().filter_map(|&a| d.component(a).host).collect();
    let unwatched: Vec<HostId> = d.host_ids().filter(|h| !watched.contains(h)).collect();
    text.push_str(&format!(
        " Here a monitoring agent ({}) runs on each of {}, and {} stores, charts and alerts on what they send",
        ids(d, &agents),
        host_ids(d, &watched),
        and(&services.iter().map(|&s| flow::name(d, s)).collect::<Vec<_>>())
    ));
    if unwatched.is_empty() {
        text.push_str(": every server is watched.");
    } else {
        text.push_str(&format!("; {} has no agent.", host_ids(d, &unwatched)));
    }
    text
}

pub(super) fn collection(d: &Design) -> String {
    let agents = agents(d);
    let Some(&first) = agents.first() else {
        return "This design collects no monitoring data: it has no monitoring agent.".into();
    };
    let a = d.component(first);
    let mut signals: Vec<Signal> = agents
        .iter()
        .flat_map(|&c| d.component(c).attrs.collects.clone())
        .collect();
    signals.sort();
    signals.dedup();
    let what: Vec<String> = signals
        .iter()
        .map(|s| format!("{} ({})", s, clause(s.describe())))
        .collect();
    let dest = a.attrs.sends_to.map_or_else(
        || "the monitoring service".to_string(),
        |s| flow::name(d, s),
    );
    format!(
        "The tool collects with agents: a small program, {}, installed on each server it watches. \
         Each agent gathers {} and pushes them over the network to {}, which stores them so they \
         can be searched, charted and alerted on. This is push-based collection: the servers \
         send, so the service needs no access into the private network.",
        a.software.as_deref().map_or_else(|| code(&a.id), escape),
        and(&what),
        dest
    )
}

pub(super) fn qps(d: &Design) -> String {
    let webs = of_kind(d, Kind::WebServer);
    if webs.is_empty() {
        return "This design has no web server whose queries per second could be counted.".into();
    }
    let software = d.component(webs[0]).software.clone().unwrap_or_default();
    let status = if software.to_lowercase().contains("nginx") {
        "Nginx's `stub_status` page (its request counter)"
    } else if software.to_lowercase().contains("apache") {
        "Apache's `mod_status` page (its request counter)"
    } else {
        "the web server's status page (its request counter)"
    };
    let hosts: Vec<HostId> = webs.iter().filter_map(|&w| d.component(w).host).collect();
    let watched: std::collections::HashSet<HostId> = hosts.iter().copied().collect();
    let covered: Vec<ComponentId> = agents(d)
        .into_iter()
        .filter(|&a| d.component(a).host.is_some_and(|h| watched.contains(&h)))
        .collect();
    let agents_say = if covered.is_empty() {
        format!(
            "First install a monitoring agent on {}.",
            host_ids(d, &hosts)
        )
    } else {
        format!("The agents {} already run beside them.", ids(d, &covered))
    };
    format!(
        "QPS, queries per second, is how many requests {} answer{} each second. {agents_say} \
         Have them read {status}, or count the lines of the access log, which gets one line \
         per request; the monitoring service turns the count into a rate per second. Chart it \
         for each server and for the total, and alert when it nears what one server was \
         load-tested to carry.",
        ids(d, &webs),
        if webs.len() == 1 { "s" } else { "" },
    )
}
