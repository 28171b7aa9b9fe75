//! Certificates drawn as locks on the boxes they are installed on.

use infradoc::layout::{EdgeStyle, LegendItem};
use infradoc::render::{Theme, svg};
use infradoc::spec::vocabulary::Direction;

use crate::diagram::{design_of, diagram, node, spec_diagram};

const BASE: &str = "[design]\nname = \"t\"\n[components.web]\nkind = \"web-server\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"https\"\n";

#[test]
fn a_certificate_is_a_lock_with_its_names_in_the_tooltip_and_the_legend() {
    let d = spec_diagram(
        "2-secured_and_monitored_web_infrastructure.toml",
        Direction::TopToBottom,
    );
    assert!(d.nodes.iter().all(|n| n.dom_id != "component-www-cert"));
    assert!(d.edges.iter().all(|e| e.style != EdgeStyle::Association));
    let haproxy = node(&d, "component-haproxy");
    assert_eq!(haproxy.locks.len(), 1);
    // On the box's top right corner.
    let (lock, r) = (haproxy.locks[0].rect, haproxy.rect);
    assert!(lock.x < r.right() && lock.right() > r.right() - 20.0 && lock.y < r.y);
    let legend: Vec<&str> = d
        .legend
        .iter()
        .filter_map(|i| match i {
            LegendItem::Lock { text, .. } => Some(text.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(legend, ["www-cert: TLS certificate for www.foobar.com"]);
    let svg = svg::render(&d, &Theme::load("default").unwrap());
    assert!(
        svg.contains("<g class=\"lock\"><title>www-cert · "),
        "{svg}"
    );
}

#[test]
fn a_certificate_with_nothing_to_sit_on_keeps_its_box() {
    // Installed on nothing: a box.
    let alone = format!(
        "{BASE}[components.cert]\nkind = \"tls-certificate\"\ndomains = [\"example.org\"]\n"
    );
    let d = diagram(&design_of(&alone), Direction::TopToBottom);
    node(&d, "component-cert");
    assert!(node(&d, "component-web").locks.is_empty());
    // Installed on the web server: a lock, and its box is gone.
    let on = format!(
        "{BASE}[components.cert]\nkind = \"tls-certificate\"\ndomains = [\"example.org\"]\ninstalled_on = [\"web\"]\n"
    );
    let d = diagram(&design_of(&on), Direction::TopToBottom);
    assert!(d.nodes.iter().all(|n| n.dom_id != "component-cert"));
    assert_eq!(
        node(&d, "component-web").locks[0].text,
        "cert · example.org"
    );
}
