//! Hubs: report and admin links that fan into one monitoring service or out of one bastion
//! become tags on the boxes at their other end, explained in the legend.

use infradoc::layout::{Diagram, EdgeStyle, HUB_MIN, LegendItem};
use infradoc::render::{Theme, svg};
use infradoc::spec::vocabulary::Direction;

use crate::diagram::{design_of, diagram, edge, node, spec_diagram};

fn tag<'a>(d: &'a Diagram, dom_id: &str) -> Option<&'a str> {
    node(d, dom_id).tag.as_ref().map(|t| t.text.as_str())
}

fn legend_tags(d: &Diagram) -> Vec<(&str, &str)> {
    d.legend
        .iter()
        .filter_map(|item| match item {
            LegendItem::Tag { tag, text } => Some((tag.text.as_str(), text.text.as_str())),
            _ => None,
        })
        .collect()
}

fn styled(d: &Diagram, style: EdgeStyle) -> usize {
    d.edges.iter().filter(|e| e.style == style).count()
}

#[test]
fn a_bastion_managing_many_machines_tags_them() {
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let d = spec_diagram("ha-pair-vip.toml", direction);
        assert!(
            d.edges
                .iter()
                .all(|e| !e.dom_id.starts_with("link-ssh-bastion-"))
        );
        for id in ["app-1", "app-2", "pg-standby"] {
            assert_eq!(tag(&d, &format!("component-{id}")), Some("← ssh-bastion"));
        }
        // The firewall guarding six hosts is named in their titles.
        let web = d.hosts.iter().find(|h| h.dom_id == "host-web-1").unwrap();
        assert_eq!(web.title.text, "web-1 · 10.0.0.11 · behind fw-private");
        assert!(
            d.edges
                .iter()
                .all(|e| !e.dom_id.starts_with("link-fw-private-"))
        );
        // The operators' own way in stays a line.
        assert_eq!(edge(&d, "link-user-ssh-bastion-1").style, EdgeStyle::Admin);
        assert_eq!(
            legend_tags(&d),
            [
                ("← ssh-bastion", "operators log in from there (admin)"),
                // Its node_exporters collect metrics only: no box carries the tag.
                ("", "every monitoring agent's metrics → prometheus"),
                ("behind fw-private", "the firewall filters what reaches it")
            ]
        );
    }
}

#[test]
fn agents_reporting_to_one_service_are_tagged() {
    let d = spec_diagram("three-zone-web-service.toml", Direction::TopToBottom);
    assert_eq!(styled(&d, EdgeStyle::Reports), 0);
    assert_eq!(styled(&d, EdgeStyle::Admin), 0);
    // Every agent reports to `metrics`: the legend says so once, the agents carry no tag.
    for id in ["agent-web-a", "agent-db-b", "agent-bastion"] {
        assert_eq!(tag(&d, &format!("component-{id}")), None);
    }
    assert!(legend_tags(&d).contains(&("", "every monitoring agent's logs and metrics → metrics")));
    // A managed box keeps its own tag.
    assert_eq!(tag(&d, "component-metrics"), Some("managed"));
    let svg = svg::render(&d, &Theme::load("default").unwrap());
    assert!(svg.contains(">every monitoring agent&#39;s logs and metrics → metrics<"));
}

/// A design with `agents` hosts, each with an agent reporting to `monitor` and a web server
/// `ssh` manages.
fn fleet(agents: usize) -> String {
    let mut spec = String::from(
        "[design]\nname = \"fleet\"\n[hosts.jump]\n[components.ssh]\nkind = \"bastion\"\nhost = \"jump\"\n[components.monitor]\nkind = \"monitoring-service\"\n",
    );
    for k in 0..agents {
        spec.push_str(&format!(
            "[hosts.h{k}]\n[components.web{k}]\nkind = \"web-server\"\nhost = \"h{k}\"\n[components.agent{k}]\nkind = \"monitoring-agent\"\nhost = \"h{k}\"\nsends_to = \"monitor\"\n[[links]]\nfrom = \"user\"\nto = \"web{k}\"\nprotocol = \"https\"\n[[links]]\nfrom = \"ssh\"\nto = \"web{k}\"\nprotocol = \"ssh\"\npurpose = \"admin\"\n"
        ));
    }
    spec
}

#[test]
fn below_the_threshold_the_lines_stay() {
    let d = diagram(&design_of(&fleet(HUB_MIN - 1)), Direction::TopToBottom);
    assert_eq!(styled(&d, EdgeStyle::Reports), HUB_MIN - 1);
    assert_eq!(styled(&d, EdgeStyle::Admin), HUB_MIN - 1);
    assert!(legend_tags(&d).is_empty());
    assert_eq!(tag(&d, "component-agent0"), None);
    let d = diagram(&design_of(&fleet(HUB_MIN)), Direction::TopToBottom);
    assert_eq!(
        styled(&d, EdgeStyle::Reports) + styled(&d, EdgeStyle::Admin),
        0
    );
    assert_eq!(tag(&d, "component-agent0"), None);
    assert_eq!(tag(&d, "component-web0"), Some("← ssh"));
    assert_eq!(legend_tags(&d).len(), 2);
    // With a second service some agents report to, each agent names its own.
    let mut spec = fleet(HUB_MIN);
    spec.push_str("[components.other]\nkind = \"monitoring-service\"\n[hosts.x]\n[components.agent-x]\nkind = \"monitoring-agent\"\nhost = \"x\"\nsends_to = \"other\"\n");
    let d = diagram(&design_of(&spec), Direction::TopToBottom);
    assert_eq!(tag(&d, "component-agent0"), Some("→ monitor"));
    assert_eq!(styled(&d, EdgeStyle::Reports), 1);
    // The legend says what those agents collect, and nothing they do not.
    assert!(legend_tags(&d).contains(&("→ monitor", "its reports go there")));
    let logs = spec.replace(
        "sends_to = \"monitor\"\n",
        "sends_to = \"monitor\"\ncollects = [\"logs\"]\n",
    );
    let d = diagram(&design_of(&logs), Direction::TopToBottom);
    assert!(legend_tags(&d).contains(&("→ monitor", "its logs go there")));
}

#[test]
fn a_box_two_hubs_reach_keeps_the_second_line() {
    // A second bastion also manages every web server: each web server names the first, and
    // the second's links stay lines.
    let mut spec = fleet(HUB_MIN);
    spec.push_str("[components.ssh2]\nkind = \"bastion\"\nhost = \"jump\"\n");
    for k in 0..HUB_MIN {
        spec.push_str(&format!(
            "[[links]]\nfrom = \"ssh2\"\nto = \"web{k}\"\nprotocol = \"ssh\"\npurpose = \"admin\"\n"
        ));
    }
    let d = diagram(&design_of(&spec), Direction::TopToBottom);
    assert_eq!(tag(&d, "component-web0"), Some("← ssh"));
    assert_eq!(styled(&d, EdgeStyle::Admin), HUB_MIN);
    assert!(
        d.edges
            .iter()
            .all(|e| !e.dom_id.starts_with("link-ssh-web"))
    );
}
