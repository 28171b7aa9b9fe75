//! The DNS lookup drawn as the request's first step: the box beside the user with the question
//! and the answer, the numbered edges, and the designs that draw none.

use infradoc::layout::{Diagram, EdgeStyle, NodeStyle};
use infradoc::model::Kind;
use infradoc::render::{Theme, svg};
use infradoc::spec::vocabulary::Direction;
use proptest::prelude::*;

use crate::diagram::{
    check_geometry, design_of, diagram, edge, generated, legend_has, links_through_other_hosts,
    node, shape, spec_diagram, spec_text,
};

fn label(d: &Diagram, dom_id: &str) -> String {
    edge(d, dom_id)
        .label
        .as_ref()
        .map(|l| l.text.clone())
        .unwrap_or_default()
}

fn has_lookup(d: &Diagram) -> bool {
    d.nodes.iter().any(|n| n.dom_id == "dns-lookup")
}

#[test]
fn the_simple_stack_starts_with_the_user_asking_dns() {
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let d = spec_diagram("0-simple_web_stack.toml", direction);
        let dns = node(&d, "dns-lookup");
        assert_eq!((dns.kind, dns.style), (Kind::Dns, NodeStyle::Lookup));
        assert_eq!(dns.name.text, "DNS");
        assert_eq!(dns.tag.as_ref().map(|t| t.text.as_str()), Some("lookup"));
        assert_eq!(
            dns.software.as_ref().map(|t| t.text.as_str()),
            Some("www.foobar.com → 8.8.8.8")
        );
        // 1: the question, to the DNS box; 2: the request, without the record any more.
        let ask = edge(&d, "link-user-dns-1");
        assert_eq!(ask.style, EdgeStyle::Lookup);
        assert_eq!(label(&d, "link-user-dns-1"), "1 · where is www.foobar.com?");
        assert_eq!(label(&d, "link-user-nginx-1"), "2 · http :80");
        assert!(legend_has(&d, EdgeStyle::Lookup));
        // Beside the user, at the top: the same row (top to bottom) or column (left to
        // right), and a straight arrow across the gap with its label in it.
        let user = node(&d, "component-user").rect;
        match direction {
            Direction::TopToBottom => assert!(dns.rect.y == user.y && dns.rect.x > user.right()),
            Direction::LeftToRight => assert!(dns.rect.x == user.x && dns.rect.y > user.bottom()),
        }
        assert_eq!(ask.points.len(), 2, "{:?}", ask.points);
        let l = ask.label.as_ref().unwrap().rect;
        let (gap_from, gap_to) = match direction {
            Direction::TopToBottom => ((user.right(), l.x), (l.right(), dns.rect.x)),
            Direction::LeftToRight => ((user.bottom(), l.y), (l.bottom(), dns.rect.y)),
        };
        assert!(gap_from.0 < gap_from.1 && gap_to.0 < gap_to.1, "{l:?}");
        // Top to bottom, nothing above the user and the DNS box.
        if direction == Direction::TopToBottom {
            assert!(d.hosts.iter().all(|h| h.rect.y > user.bottom()));
        }
        check_geometry(&d).unwrap();
    }
}

#[test]
fn the_svg_draws_the_lookup_with_its_own_ids_style_and_icon() {
    let d = spec_diagram("0-simple_web_stack.toml", Direction::TopToBottom);
    let auto = svg::render(&d, &Theme::load("auto").unwrap());
    for piece in [
        "<g id=\"dns-lookup\">",
        "<g id=\"link-user-dns-1\">",
        "<symbol id=\"icon-dns\"",
        "<path class=\"lookup\" d=\"M",
        "<marker id=\"arrow-lookup\"",
        ">1 · where is www.foobar.com?</text>",
        ">www.foobar.com → 8.8.8.8</text>",
        ">DNS lookup</text>",
        // Both palettes colour it: the light one in the attributes, the dark one in CSS.
        "stroke=\"#0969da\"",
        ".lookup{stroke:#4493f8}",
    ] {
        assert!(auto.contains(piece), "no {piece}");
    }
    // Dashed like the components a provider runs.
    let start = auto.find("<g id=\"dns-lookup\">").unwrap();
    let group = &auto[start..start + auto[start..].find("</g>").unwrap()];
    assert!(group.contains("class=\"node managed\"") && group.contains("stroke-dasharray"));
}

#[test]
fn the_other_designs_draw_the_name_their_users_look_up() {
    let answers = [
        (
            "cloud-web-service.toml",
            "shop.example.com → d1x2y3z4.cloudfront.net",
        ),
        ("ha-pair-vip.toml", "www.example.org → 203.0.113.10"),
        ("3-scale_up.toml", "www.foobar.com → 8.8.8.8"),
        (
            "intranet-vpn-bastion.toml",
            "vpn.corp.example.net → 198.51.100.7",
        ),
    ];
    for (file, answer) in answers {
        let d = spec_diagram(file, Direction::TopToBottom);
        let dns = node(&d, "dns-lookup");
        assert_eq!(
            dns.software.as_ref().map(|t| t.text.as_str()),
            Some(answer),
            "{file}"
        );
    }
    let vip = spec_diagram("ha-pair-vip.toml", Direction::TopToBottom);
    assert_eq!(label(&vip, "link-user-vip-www-1"), "2 · https :443");
    let intranet = spec_diagram("intranet-vpn-bastion.toml", Direction::TopToBottom);
    assert_eq!(
        label(&intranet, "link-staff-dns-1"),
        "1 · where is vpn.corp.example.net?"
    );
    assert_eq!(
        label(&intranet, "link-staff-wireguard-1"),
        "2 · WireGuard tunnel"
    );
}

const PLAIN: &str = "[design]\nname = \"t\"\ndomain = \"foobar.com\"\n[hosts.box]\nip = \"8.8.8.8\"\n[components.web]\nkind = \"web-server\"\nhost = \"box\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n";
const RECORD: &str = "[[dns]]\nname = \"www\"\ntype = \"A\"\nvalue = \"8.8.8.8\"\n";

#[test]
fn a_design_without_records_draws_no_lookup() {
    let d = diagram(&design_of(PLAIN), Direction::TopToBottom);
    assert!(!has_lookup(&d));
    assert_eq!(label(&d, "link-user-web-1"), "http :80");
    assert!(!legend_has(&d, EdgeStyle::Lookup));
    // A record that names no address the user connects to draws none either.
    let elsewhere = format!("{PLAIN}{}", RECORD.replace("8.8.8.8", "9.9.9.9"));
    assert!(!has_lookup(&diagram(
        &design_of(&elsewhere),
        Direction::TopToBottom
    )));
    let with = format!("{PLAIN}{RECORD}");
    assert!(has_lookup(&diagram(
        &design_of(&with),
        Direction::TopToBottom
    )));
}

#[test]
fn a_design_with_its_own_dns_component_draws_that_one() {
    let own = format!(
        "{PLAIN}{RECORD}[components.dns]\nkind = \"dns\"\nsoftware = \"Route 53\"\nmanaged = true\n[[links]]\nfrom = \"user\"\nto = \"dns\"\nprotocol = \"dns\"\n"
    );
    let d = diagram(&design_of(&own), Direction::TopToBottom);
    assert!(!has_lookup(&d));
    assert!(!legend_has(&d, EdgeStyle::Lookup));
    assert_eq!(node(&d, "component-dns").kind, Kind::Dns);
    // The request still names the record it follows, as before.
    assert_eq!(label(&d, "link-user-web-1"), "http :80 · www A 8.8.8.8");
    assert_eq!(label(&d, "link-user-dns-1"), "dns :53");
}

#[test]
fn two_clients_ask_the_dns_box_one_layer_after_them() {
    let two = format!(
        "{PLAIN}{RECORD}[components.user]\nkind = \"client\"\n[components.phone]\nkind = \"client\"\nsoftware = \"Mobile app\"\n[[links]]\nfrom = \"phone\"\nto = \"web\"\nprotocol = \"http\"\n"
    );
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let d = diagram(&design_of(&two), direction);
        let dns = node(&d, "dns-lookup").rect;
        // The two questions meet before the DNS box under one label, as do the two requests
        // before the web server.
        for (to, text) in [
            ("dns", "1 · where is www.foobar.com?"),
            ("web", "2 · http :80"),
        ] {
            let ids = [format!("link-user-{to}-1"), format!("link-phone-{to}-1")];
            let labels: Vec<String> = ids.iter().map(|id| label(&d, id)).collect();
            assert!(
                labels.contains(&text.to_string()) && labels.contains(&String::new()),
                "{direction}: {labels:?}"
            );
            let ends: Vec<_> = ids.iter().map(|id| edge(&d, id).points.last()).collect();
            assert_eq!(ends[0], ends[1], "{direction}: one port into {to}");
        }
        for client in ["user", "phone"] {
            let c = node(&d, &format!("component-{client}")).rect;
            let after = match direction {
                Direction::TopToBottom => dns.y > c.bottom(),
                Direction::LeftToRight => dns.x > c.right(),
            };
            assert!(after, "{direction}: {client}");
        }
        check_geometry(&d).unwrap();
        assert!(links_through_other_hosts(&d).is_empty());
    }
}

#[test]
fn a_folded_pool_keeps_its_lookup() {
    // About 100 servers behind two load balancers; users look up the first one's address.
    let design = design_of(&generated::spec(408));
    let d = diagram(&design, Direction::TopToBottom);
    assert!(d.hosts.iter().any(|h| h.stack > 1), "the pools fold");
    assert_eq!(
        node(&d, "dns-lookup")
            .software
            .as_ref()
            .map(|t| t.text.as_str()),
        Some("www.foobar.com → 8.8.8.8")
    );
    assert_eq!(label(&d, "link-user-lb-a-1"), "2 · https :443");
    assert_eq!(label(&d, "link-user-lb-b-1"), "https :443");
    check_geometry(&d).unwrap();
}

#[test]
fn a_long_name_stays_on_its_line() {
    let long = format!("{}.{}", "a".repeat(60), "b".repeat(60));
    let spec = format!(
        "{PLAIN}{}",
        RECORD.replace("\"www\"", &format!("\"{long}\""))
    );
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let d = diagram(&design_of(&spec), direction);
        let dns = node(&d, "dns-lookup");
        let answer = dns.software.as_ref().unwrap();
        assert!(answer.text.ends_with("→ 8.8.8.8") && answer.text.contains('…'));
        assert!(dns.rect.contains(&answer.rect), "{direction}");
        check_geometry(&d).unwrap();
    }
}

/// A random design (the ones the diagram's property test draws) whose users look a name up:
/// the entry's host address, or the site's alias for an entry on no host; sometimes a second
/// client (both declared then: `user` is implicit only alone), which moves the DNS box a
/// layer on.
fn with_lookup(text: &str, entry_host: Option<usize>, second_client: bool) -> String {
    let mut text = text.replacen(
        "name = \"random\"\n",
        "name = \"random\"\ndomain = \"example.com\"\n",
        1,
    );
    text.push_str(&match entry_host {
        Some(h) => format!("\n[[dns]]\nname = \"www\"\ntype = \"A\"\nvalue = \"10.0.0.{h}\"\n"),
        None => "\n[[dns]]\nname = \"www\"\ntype = \"CNAME\"\nvalue = \"edge.cdn.example.net\"\n"
            .to_string(),
    });
    if second_client {
        let entry = text
            .split("from = \"user\"\nto = \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("c0")
            .to_string();
        text.push_str(&format!(
            "\n[components.user]\nkind = \"client\"\n[components.phone]\nkind = \"client\"\n[[links]]\nfrom = \"phone\"\nto = \"{entry}\"\nprotocol = \"https\"\n"
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_designs_with_a_lookup_keep_the_geometry_rules(shape in shape(), second in any::<bool>()) {
        let host = shape.components[shape.entry].1;
        let text = with_lookup(&spec_text(&shape, false), host, second);
        let design = design_of(&text);
        let direction = if shape.tb { Direction::TopToBottom } else { Direction::LeftToRight };
        let d = diagram(&design, direction);
        prop_assert!(has_lookup(&d), "no lookup drawn\n{}", text);
        if let Err(e) = check_geometry(&d) {
            return Err(TestCaseError::fail(format!("{e}\n{text}")));
        }
        // The question crosses no box.
        let ask = edge(&d, "link-user-dns-1");
        for n in d.nodes.iter().filter(|n| n.dom_id != "component-user" && n.dom_id != "dns-lookup") {
            let crosses = ask.points.windows(2).any(|s| {
                let ((ax, ay), (bx, by)) = (s[0], s[1]);
                let r = n.rect;
                ax.min(bx) < r.right() - 1.0 && ax.max(bx) > r.x + 1.0
                    && ay.min(by) < r.bottom() - 1.0 && ay.max(by) > r.y + 1.0
            });
            prop_assert!(!crosses, "the question crosses {}\n{}", n.dom_id, text);
        }
        // Declaration order changes nothing.
        let shuffled = design_of(&with_lookup(&spec_text(&shape, true), host, second));
        let theme = Theme::load("default").unwrap();
        prop_assert_eq!(
            svg::render(&d, &theme),
            svg::render(&diagram(&shuffled, direction), &theme)
        );
    }
}
