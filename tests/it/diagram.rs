//! The diagram: what `infradoc build` draws for the classic designs (snapshots a person has
//! looked at as PNG), and properties that hold for any design: nothing overlaps, everything
//! fits, the bytes are the same every time.

use std::sync::Arc;

use infradoc::diagnostic::SourceFile;
use infradoc::layout::{Diagram, EdgeStyle, LegendItem, NodeStyle, Rect, layout};
use infradoc::lint::lint;
use infradoc::model::Design;
use infradoc::render::{Theme, png, svg};
use infradoc::spec::vocabulary::Direction;
use proptest::prelude::*;

use crate::cli::TempDir;
use crate::{all_specs, classic_specs, root};

/// The benchmarks' generator of tiered designs of any size.
#[path = "../../benches/common/mod.rs"]
#[allow(dead_code)]
pub(crate) mod generated;

fn infradoc() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("infradoc").expect("binary built");
    cmd.current_dir(root());
    cmd
}

/// (width, height) of a PNG file.
fn png_size(path: &std::path::Path) -> (u32, u32) {
    let decoder = ::png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let info = decoder.read_info().unwrap();
    (info.info().width, info.info().height)
}

#[test]
fn a_large_design_builds_with_its_png() {
    let temp = TempDir::new("large-png");
    let spec = temp.0.join("large.toml");
    std::fs::write(&spec, generated::spec(150)).unwrap();
    // At scale 8 the picture passes the pixel limit: it is drawn smaller, with a warning.
    let out = infradoc()
        .arg("build")
        .arg(&spec)
        .arg("--out")
        .arg(temp.0.join("out"))
        .args(["--scale", "8", "--no-findings"])
        .assert();
    let output = out.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let png = temp.0.join("out/bench/diagram.png");
    let (w, h) = png_size(&png);
    assert!(u64::from(w) * u64::from(h) <= png::MAX_PIXELS, "{w}x{h}");
    assert!(
        stderr.contains("large.toml") && stderr.contains("drawn at scale"),
        "{stderr}"
    );
}

#[test]
fn a_pool_of_identical_servers_folds_into_stacks() {
    // About 100 servers, in three pools (each reads from one of three replicas).
    let design = design_of(&generated::spec(408));
    let folded = diagram(&design, Direction::TopToBottom);
    let stacks: Vec<&infradoc::layout::HostBox> =
        folded.hosts.iter().filter(|h| h.stack > 1).collect();
    assert_eq!(stacks.len(), 3);
    assert!(folded.hosts.len() < 12, "{} boxes", folded.hosts.len());
    // Every host is in one box.
    assert_eq!(
        folded.hosts.iter().map(|h| h.stack).sum::<usize>(),
        design.hosts.len()
    );
    // Pools of web servers with the application server each proxies to get no finding, so
    // the first pool's first host (the one `identical-servers` was reported on) folds too.
    assert_eq!(stacks[0].title.text, "web-0000 ... web-0099 · ×34");
    // The same bytes every time.
    let theme = Theme::load("default").unwrap();
    assert_eq!(
        svg::render(&folded, &theme),
        svg::render(&diagram(&design, Direction::TopToBottom), &theme)
    );
    // --unfold draws every host.
    let report = lint(&design, "2026-11-28");
    let findings: Vec<_> = report.active().collect();
    let unfolded = infradoc::layout::layout_with(
        &design,
        &findings,
        infradoc::layout::Options {
            direction: Direction::TopToBottom,
            unfold: true,
            keep_direction: true,
        },
    );
    assert_eq!(unfolded.hosts.len(), design.hosts.len());
    assert!(unfolded.hosts.iter().all(|h| h.stack == 1));
    check_geometry(&folded).unwrap();
}

#[test]
fn a_hundred_servers_build_a_png_under_3000_px_tall() {
    let temp = TempDir::new("hundred");
    let spec = temp.0.join("hundred.toml");
    std::fs::write(&spec, generated::spec(408)).unwrap();
    let out = infradoc()
        .arg("build")
        .arg(&spec)
        .arg("--out")
        .arg(temp.0.join("out"))
        .assert();
    let output = out.get_output();
    assert!(
        output.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (w, h) = png_size(&temp.0.join("out/bench/diagram.png"));
    assert!(h < 3000, "{w}x{h}");
}

/// The smallest text in the picture in pixels when the picture is shown `column` pixels wide
/// (never enlarged).
fn smallest_text_at(d: &Diagram, column: f32) -> f32 {
    infradoc::layout::text::SMALLEST * (column / d.width).min(1.0)
}

#[test]
fn every_spec_is_drawn_in_a_shape_that_reads_at_readme_width() {
    for path in all_specs() {
        let design = design_of(&std::fs::read_to_string(&path).unwrap());
        let report = lint(&design, "2026-11-28");
        let findings: Vec<_> = report.active().collect();
        let d = layout(&design, &findings, design.direction);
        let name = crate::relative(&path);
        assert!(
            d.width <= infradoc::layout::MAX_ASPECT * d.height,
            "{name}: {}x{}",
            d.width,
            d.height
        );
        let px = smallest_text_at(&d, 900.0);
        eprintln!(
            "{name}: {}x{}, smallest text at 900 px: {px:.1} px",
            d.width, d.height
        );
        assert!(
            px >= 9.0,
            "{name}: the smallest text is {px:.1} px at 900 px wide"
        );
    }
    // A wide left-to-right design is turned; --direction (keep_direction) is obeyed.
    let design = design_of(&std::fs::read_to_string(root().join("specs/3-scale_up.toml")).unwrap());
    let wide = diagram(&design, Direction::LeftToRight);
    assert!(wide.width > infradoc::layout::MAX_ASPECT * wide.height);
    let turned = layout(&design, &[], Direction::LeftToRight);
    assert!(turned.width < wide.width && turned.width <= turned.height * 2.5);
}

#[test]
fn each_spec_succeeds_or_fails_on_its_own() {
    let temp = TempDir::new("one-broken");
    let broken = temp.0.join("broken.toml");
    std::fs::write(
        &broken,
        "[design]\nname = \"broken\"\n[components.a]\nkind = \"no-such-kind\"\n",
    )
    .unwrap();
    let out = infradoc()
        .arg("build")
        .arg(&broken)
        .arg("specs/0-simple_web_stack.toml")
        .arg("--out")
        .arg(temp.0.join("out"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("broken.toml"), "{stderr}");
    let good = temp.0.join("out/simple-web-stack");
    for file in ["diagram.svg", "diagram.png", "README.md"] {
        assert!(good.join(file).is_file(), "{file} not written");
    }
    assert!(!temp.0.join("out/broken").exists());
}

pub(crate) fn design_of(text: &str) -> Design {
    let compiled = infradoc::compile(SourceFile::new("t.toml", text));
    compiled
        .design
        .unwrap_or_else(|| panic!("invalid: {:?}", compiled.diagnostics))
}

/// The diagram in the direction asked for, as `build --direction` draws it.
pub(crate) fn diagram(design: &Design, direction: Direction) -> Diagram {
    let report = lint(design, "2026-11-28");
    let findings: Vec<_> = report.active().collect();
    infradoc::layout::layout_with(
        design,
        &findings,
        infradoc::layout::Options {
            direction,
            unfold: false,
            keep_direction: true,
        },
    )
}

pub(crate) fn render(design: &Design, direction: Direction) -> String {
    svg::render(
        &diagram(design, direction),
        &Theme::load("default").unwrap(),
    )
}

#[test]
fn svg_of_every_spec() {
    for path in all_specs() {
        let design = design_of(&std::fs::read_to_string(&path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(
            format!("svg-{name}"),
            font_data_as_sizes(&render(&design, Direction::LeftToRight))
        );
    }
}

/// The SVG with each embedded font's base64 data replaced by its length: the snapshot shows
/// the rules and their cost, tests/it/fonts.rs checks the glyphs.
fn font_data_as_sizes(svg: &str) -> String {
    let mut parts = svg.split("base64,");
    let mut out = parts.next().unwrap_or("").to_string();
    for part in parts {
        let (data, rest) = part.split_once(')').unwrap_or((part, ""));
        out.push_str(&format!("base64,[{} bytes])", data.len()));
        out.push_str(rest);
    }
    out
}

pub(crate) fn spec_diagram(file: &str, direction: Direction) -> Diagram {
    let text = std::fs::read_to_string(root().join("specs").join(file)).unwrap();
    diagram(&design_of(&text), direction)
}

pub(crate) fn node<'a>(d: &'a Diagram, dom_id: &str) -> &'a infradoc::layout::NodeBox {
    d.nodes
        .iter()
        .find(|n| n.dom_id == dom_id)
        .unwrap_or_else(|| panic!("no box {dom_id}"))
}

pub(crate) fn edge<'a>(d: &'a Diagram, dom_id: &str) -> &'a infradoc::layout::Edge {
    d.edges
        .iter()
        .find(|e| e.dom_id == dom_id)
        .unwrap_or_else(|| {
            panic!(
                "no edge {dom_id}: {:?}",
                d.edges.iter().map(|e| &e.dom_id).collect::<Vec<_>>()
            )
        })
}

pub(crate) fn legend_has(d: &Diagram, style: EdgeStyle) -> bool {
    d.legend
        .iter()
        .any(|item| matches!(item, LegendItem::Edge { style: s, .. } if *s == style))
}

#[test]
fn monitoring_reports_and_local_files_have_their_own_styles() {
    // Agents with `sends_to` and no link; the code read by the application on its host.
    let d = diagram(&design_of(&generated::spec(20)), Direction::TopToBottom);
    // An agent's reports are not "installed on / protects" (two agents: below the hub
    // threshold, so drawn).
    let two = design_of(
        "[design]\nname = \"t\"\n[hosts.a]\n[hosts.b]\n[components.web]\nkind = \"web-server\"\nhost = \"a\"\n[components.agent-a]\nkind = \"monitoring-agent\"\nhost = \"a\"\nsends_to = \"monitor\"\n[components.agent-b]\nkind = \"monitoring-agent\"\nhost = \"b\"\nsends_to = \"monitor\"\n[components.monitor]\nkind = \"monitoring-service\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"https\"\n",
    );
    let small = diagram(&two, Direction::TopToBottom);
    assert_eq!(
        edge(&small, "link-agent-a-monitor-1").style,
        EdgeStyle::Reports
    );
    assert!(legend_has(&small, EdgeStyle::Reports));
    // The code read on the same host is not "unencrypted" traffic.
    assert_eq!(
        edge(&d, "link-app-0000-code-0000-1").style,
        EdgeStyle::Local
    );
    assert!(legend_has(&d, EdgeStyle::Local));
    // The certificate and the firewall keep the association style.
    assert!(legend_has(&d, EdgeStyle::Association));
    // In the secured design, the application's code is local too; the agents' own links
    // (https to Sumo Logic) are traffic and keep their encryption's colour.
    let d = spec_diagram(
        "2-secured_and_monitored_web_infrastructure.toml",
        Direction::TopToBottom,
    );
    assert_eq!(edge(&d, "link-app-1-app-files-1-1").style, EdgeStyle::Local);
    assert_eq!(
        edge(&d, "link-sumo-web-01-sumo-logic-1").style,
        EdgeStyle::Encrypted
    );
    // A file read from another host crosses the network: drawn as traffic.
    let design = design_of(
        "[design]\nname = \"t\"\n[hosts.a]\n[hosts.b]\n[components.app]\nkind = \"app-server\"\nhost = \"a\"\n[components.code]\nkind = \"app-files\"\nhost = \"b\"\n[[links]]\nfrom = \"user\"\nto = \"app\"\nprotocol = \"https\"\n[[links]]\nfrom = \"app\"\nto = \"code\"\nprotocol = \"file\"\n",
    );
    let d = diagram(&design, Direction::TopToBottom);
    assert_eq!(edge(&d, "link-app-code-1").style, EdgeStyle::Plain);
}

#[test]
fn the_virtual_ip_is_one_entry_point_before_its_holders() {
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let d = spec_diagram("ha-pair-vip.toml", direction);
        let vip = node(&d, "vip-vip-www");
        assert_eq!(vip.style, NodeStyle::VirtualIp);
        assert_eq!(
            vip.software.as_ref().map(|t| t.text.as_str()),
            Some("203.0.113.10 · keepalived (VRRP)")
        );
        assert_eq!(
            vip.tag.as_ref().map(|t| t.text.as_str()),
            Some("virtual IP")
        );
        for holder in ["component-haproxy-1", "component-haproxy-2"] {
            let h = node(&d, holder).rect;
            let before = match direction {
                Direction::LeftToRight => vip.rect.right() < h.x,
                Direction::TopToBottom => vip.rect.bottom() < h.y,
            };
            assert!(before, "{direction}: the virtual IP is not before {holder}");
        }
        // The users' link goes to the virtual IP, with the record that names its address.
        let users = edge(&d, "link-user-vip-www-1");
        assert_eq!(users.style, EdgeStyle::Encrypted);
        // Numbered after the DNS lookup, which names the record.
        let label = users.label.as_ref().unwrap().text.as_str();
        assert_eq!(label, "2 · https :443");
        assert!(
            d.edges
                .iter()
                .all(|e| !e.dom_id.starts_with("link-user-haproxy"))
        );
        // Active-passive: the first holder is active, the other one a dashed standby.
        let active = edge(&d, "link-vip-www-haproxy-1-1");
        assert_eq!(active.style, EdgeStyle::Encrypted);
        assert_eq!(active.label.as_ref().unwrap().text, "active");
        let standby = edge(&d, "link-vip-www-haproxy-2-1");
        assert_eq!(standby.style, EdgeStyle::Standby);
        assert_eq!(standby.label.as_ref().unwrap().text, "standby");
        assert!(legend_has(&d, EdgeStyle::Standby));
    }
}

#[test]
fn an_active_active_virtual_ip_has_no_standby() {
    let text = std::fs::read_to_string(root().join("specs/ha-pair-vip.toml"))
        .unwrap()
        .replace("mode = \"active-passive\"", "mode = \"active-active\"");
    let d = diagram(&design_of(&text), Direction::LeftToRight);
    for holder in ["haproxy-1", "haproxy-2"] {
        let e = edge(&d, &format!("link-vip-www-{holder}-1"));
        assert_eq!(
            (e.style, e.label.as_ref().unwrap().text.as_str()),
            (EdgeStyle::Encrypted, "active")
        );
    }
    assert!(!legend_has(&d, EdgeStyle::Standby));
}

#[test]
fn managed_components_are_drawn_as_the_providers() {
    let d = spec_diagram("cloud-web-service.toml", Direction::LeftToRight);
    for id in [
        "cdn",
        "assets",
        "alb",
        "jobs",
        "sessions",
        "db",
        "snapshots",
        "cloudwatch",
    ] {
        let n = node(&d, &format!("component-{id}"));
        assert_eq!(n.style, NodeStyle::Managed, "{id}");
        let tag = n.tag.as_ref().expect("a managed tag");
        assert_eq!(tag.text, "managed");
        assert!(
            n.rect.contains(&tag.rect) && !tag.rect.overlaps(&n.name.rect),
            "{id}: {tag:?} {:?}",
            n.name
        );
    }
    // The certificate is a lock on the CDN and the load balancer, not a box.
    assert!(d.nodes.iter().all(|n| n.dom_id != "component-cert"));
    for id in ["cdn", "alb"] {
        let locks = &node(&d, &format!("component-{id}")).locks;
        assert_eq!(locks.len(), 1, "{id}");
        assert_eq!(
            locks[0].text,
            "cert · AWS Certificate Manager · shop.example.com, www.shop.example.com"
        );
    }
    for id in ["api-a", "workers", "user"] {
        let n = node(&d, &format!("component-{id}"));
        assert_eq!(
            (n.style, n.tag.is_none()),
            (NodeStyle::Component, true),
            "{id}"
        );
    }
    // In their tier: the CDN before the load balancer, before the application servers,
    // before the database.
    let x = |id: &str| node(&d, &format!("component-{id}")).rect.x;
    assert!(x("cdn") < x("alb") && x("alb") < x("api-a") && x("api-a") < x("db"));
}

#[test]
fn admin_and_background_links_have_their_own_styles() {
    let d = spec_diagram("ha-pair-vip.toml", Direction::LeftToRight);
    // The bastion's links to the machines it manages are tags (see tests/it/hubs.rs); the
    // operators' own way in is drawn.
    assert_eq!(edge(&d, "link-user-ssh-bastion-1").style, EdgeStyle::Admin);
    assert_eq!(
        edge(&d, "link-pg-primary-barman-1").style,
        EdgeStyle::Background
    );
    assert_eq!(edge(&d, "link-haproxy-1-app-1-1").style, EdgeStyle::Plain);
    assert!(legend_has(&d, EdgeStyle::Admin) && legend_has(&d, EdgeStyle::Background));
    let cloud = spec_diagram("cloud-web-service.toml", Direction::LeftToRight);
    assert_eq!(
        edge(&cloud, "link-workers-jobs-1").style,
        EdgeStyle::Background
    );
    assert_eq!(
        edge(&cloud, "link-cdn-assets-1")
            .label
            .as_ref()
            .unwrap()
            .text,
        "https :443 · /static/*, /images/*"
    );
    assert_eq!(
        edge(&cloud, "link-cdn-alb-1").label.as_ref().unwrap().text,
        "https :443 · /api/*"
    );
    // Operators' access does not move the machines they manage: the bastion comes after the
    // VPN gateway it is reached through, the web server stays after the gateway.
    let intranet = spec_diagram("intranet-vpn-bastion.toml", Direction::LeftToRight);
    let x = |id: &str| node(&intranet, &format!("component-{id}")).rect.x;
    assert!(x("wireguard") < x("jump") && x("wireguard") < x("nginx"));
    // The SVG draws them dashed in their own colours.
    let svg = svg::render(&d, &Theme::load("default").unwrap());
    assert!(svg.contains("<path class=\"admin\" d=\"M"), "admin path");
    assert!(
        svg.contains("<path class=\"background\" d=\"M"),
        "background path"
    );
    assert!(svg.contains("class=\"vip\""), "virtual IP box");
}

#[test]
fn a_firewall_guarding_a_host_without_web_tiers_is_tied_to_it() {
    // The VPN gateway and the bastion are what their firewalls stand in front of.
    let d = spec_diagram("intranet-vpn-bastion.toml", Direction::LeftToRight);
    assert_eq!(
        edge(&d, "link-fw-gw-wireguard-1").style,
        EdgeStyle::Association
    );
    let d = spec_diagram("ha-pair-vip.toml", Direction::LeftToRight);
    assert_eq!(
        edge(&d, "link-fw-bastion-ssh-bastion-1").style,
        EdgeStyle::Association
    );
}

/// Every rule a picture must keep, checked on a laid-out diagram.
pub(crate) fn check_geometry(d: &Diagram) -> Result<(), String> {
    let inside =
        |r: &Rect| r.x >= 0.0 && r.y >= 0.0 && r.right() <= d.width && r.bottom() <= d.height;
    let nodes: Vec<&Rect> = d.nodes.iter().map(|n| &n.rect).collect();
    for (i, a) in nodes.iter().enumerate() {
        if !inside(a) {
            return Err(format!("box {i} outside the picture: {a:?}"));
        }
        for b in &nodes[i + 1..] {
            if a.overlaps(b) {
                return Err(format!("boxes overlap: {a:?} {b:?}"));
            }
        }
    }
    for (i, a) in d.hosts.iter().enumerate() {
        for b in &d.hosts[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                return Err(format!("hosts overlap: {} {}", a.dom_id, b.dom_id));
            }
        }
        for n in &d.nodes {
            if n.rect.overlaps(&a.rect) && !a.rect.contains(&n.rect) {
                return Err(format!("{} crosses the border of {}", n.dom_id, a.dom_id));
            }
            if n.rect.overlaps(&a.title.rect) {
                return Err(format!("{} covers the title of {}", n.dom_id, a.dom_id));
            }
        }
    }
    let labels: Vec<&Rect> = d
        .edges
        .iter()
        .filter_map(|e| e.label.as_ref().map(|l| &l.rect))
        .collect();
    for (i, l) in labels.iter().enumerate() {
        if !inside(l) {
            return Err(format!("label outside the picture: {l:?}"));
        }
        if let Some(n) = nodes.iter().find(|n| n.overlaps(l)) {
            return Err(format!("label {l:?} overlaps box {n:?}"));
        }
        for h in &d.hosts {
            if h.title.rect.overlaps(l) || (h.rect.overlaps(l) && !h.rect.contains(l)) {
                return Err(format!("label {l:?} crosses host {}", h.dom_id));
            }
        }
        if let Some(m) = labels[i + 1..].iter().find(|m| m.overlaps(l)) {
            return Err(format!("labels overlap: {l:?} {m:?}"));
        }
    }
    for e in &d.edges {
        if e.points
            .iter()
            .any(|&(x, y)| x < 0.0 || y < 0.0 || x > d.width || y > d.height)
        {
            return Err(format!("{} leaves the picture", e.dom_id));
        }
        // Links run across and along the layers only: a slant is a port that moved under its
        // path (a long link's pieces meeting at different points).
        if let Some(w) = e
            .points
            .windows(2)
            .find(|w| (w[0].0 - w[1].0).abs() > 0.01 && (w[0].1 - w[1].1).abs() > 0.01)
        {
            return Err(format!(
                "{} runs slanted from {:?} to {:?}",
                e.dom_id, w[0], w[1]
            ));
        }
    }
    Ok(())
}

/// Links that pass through a host box they neither start nor end in, as "link through host".
pub(crate) fn links_through_other_hosts(d: &Diagram) -> Vec<String> {
    let holds = |r: &Rect, (x, y): (f32, f32)| {
        x >= r.x - 1.0 && x <= r.right() + 1.0 && y >= r.y - 1.0 && y <= r.bottom() + 1.0
    };
    let mut found = Vec::new();
    for e in &d.edges {
        let (Some(&first), Some(&last)) = (e.points.first(), e.points.last()) else {
            continue;
        };
        for h in &d.hosts {
            if holds(&h.rect, first) || holds(&h.rect, last) {
                continue;
            }
            // The host's inside, a pixel in from its border.
            let (x0, y0, x1, y1) = (
                h.rect.x + 1.0,
                h.rect.y + 1.0,
                h.rect.right() - 1.0,
                h.rect.bottom() - 1.0,
            );
            let crosses = e.points.windows(2).any(|s| {
                let ((ax, ay), (bx, by)) = (s[0], s[1]);
                ax.min(bx) < x1 && ax.max(bx) > x0 && ay.min(by) < y1 && ay.max(by) > y0
            });
            if crosses {
                found.push(format!("{} through {}", e.dom_id, h.dom_id));
            }
        }
    }
    found
}

#[test]
fn every_spec_keeps_the_geometry_rules() {
    for path in all_specs() {
        let design = design_of(&std::fs::read_to_string(&path).unwrap());
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let d = diagram(&design, direction);
            if let Err(e) = check_geometry(&d) {
                panic!("{} {direction}: {e}", path.display());
            }
            let through = links_through_other_hosts(&d);
            assert!(
                through.is_empty(),
                "{} {direction}: {through:?}",
                path.display()
            );
        }
    }
}

/// A ratchet on routing quality: over the same 300 random designs every run, links that pass
/// through a host they neither start nor end in stay rare. Placing blocks with damped
/// barycentres took them from 124 (in 51 designs) to 77 (in 38), later layout work to 60 (in
/// 29); moving a block past a host when that keeps a link's turn out of it
/// (src/layout/untangle.rs) took them to 9, in 8 designs: 292 of 300 clean (97.3 %). Placing
/// a monitoring agent that carries traffic by that traffic, where it sat in its host's last
/// layer, took crossings on these designs from 804 to 571 (tests/it/crossings.rs) and these
/// links to 21, in 13 designs: the agent's host now spans the layers between its traffic and
/// its other members, in the way of links between them; a client standing just above a first
/// hop reached later (571 -> 486 crossings) took them to 24, cutting cycles from the sources
/// (486 -> 460) to 25, in the same 13 designs. Links into one target under one label joined
/// at one port (docs/decisions/0013) took them to 17, in 12 designs. Choosing, top to bottom,
/// the drawing with fewer links over hosts' titles, transposition counting the links along
/// strips (490 -> 334 crossings) and keeping the barycentre pass that crossed least (334 -> 304
/// crossings) left them at 17, in 10 designs; labels standing clear of the arrowheads took
/// them to 14, in 10 designs: 290 of 300 clean (96.7 %, the aim is 95 %). The bound is the count
/// (docs/decisions/0005).
#[test]
fn few_links_pass_through_other_hosts() {
    let (mut designs, mut total) = (0, 0);
    for (design, direction) in random_designs() {
        let through = links_through_other_hosts(&diagram(&design, direction)).len();
        designs += usize::from(through > 0);
        total += through;
    }
    eprintln!("{designs} of 300 designs, {total} links through other hosts");
    assert!(
        total <= BOUND,
        "{total} links through other hosts ({designs} designs)"
    );
}

/// The 300 random designs of the through-host ratchet below and of the crossing ratchets
/// (tests/it/crossings.rs), the same every run, with the direction each is drawn in.
pub(crate) fn random_designs() -> Vec<(Design, Direction)> {
    seeded(shape(), |shape| {
        (design_of(&spec_text(&shape, false)), drawn(shape.tb))
    })
}

/// 300 values of `strategy` from a fixed seed (the same every run), each made into a design.
pub(crate) fn seeded<T: std::fmt::Debug>(
    strategy: impl proptest::strategy::Strategy<Value = T>,
    design: impl Fn(T) -> (Design, Direction),
) -> Vec<(Design, Direction)> {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    (0..300)
        .map(|_| design(strategy.new_tree(&mut runner).unwrap().current()))
        .collect()
}

/// The direction a generated design asks for.
pub(crate) fn drawn(tb: bool) -> Direction {
    if tb {
        Direction::TopToBottom
    } else {
        Direction::LeftToRight
    }
}

const BOUND: usize = 14;

const KINDS: &[&str] = &[
    "load-balancer",
    "web-server",
    "app-server",
    "app-files",
    "database",
    "cache",
    "firewall",
    "monitoring-agent",
];
const PROTOCOLS: &[&str] = &["http", "https", "tcp", "mysql", "replication"];

#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) components: Vec<(usize, Option<usize>, usize)>,
    pub(crate) links: Vec<(usize, usize, usize, bool)>,
    pub(crate) entry: usize,
    pub(crate) tb: bool,
}

pub(crate) fn shape() -> impl Strategy<Value = Shape> {
    (1usize..14).prop_flat_map(|n| {
        (
            prop::collection::vec((0..KINDS.len(), prop::option::of(0usize..4), 1usize..3), n),
            prop::collection::vec(
                (0..n, 0..n, 0..PROTOCOLS.len(), any::<bool>()),
                0..(2 * n + 1),
            ),
            0..n,
            any::<bool>(),
        )
            .prop_map(|(components, links, entry, tb)| Shape {
                components,
                links,
                entry,
                tb,
            })
    })
}

pub(crate) fn spec_text(shape: &Shape, reverse: bool) -> String {
    let mut tables = Vec::new();
    for h in 0..4 {
        tables.push(format!("[hosts.host-{h}]\nip = \"10.0.0.{h}\"\n"));
    }
    for (i, &(kind, host, count)) in shape.components.iter().enumerate() {
        let mut t = format!(
            "[components.c{i}]\nkind = \"{}\"\nsoftware = \"Soft {i}\"\n",
            KINDS[kind]
        );
        if let Some(h) = host {
            t.push_str(&format!("host = \"host-{h}\"\n"));
        }
        if count > 1 {
            t.push_str(&format!("count = {count}\n"));
        }
        tables.push(t);
    }
    if reverse {
        tables.reverse();
    }
    let mut text = String::from("[design]\nname = \"random\"\n\n");
    text.push_str(&tables.join("\n"));
    text.push_str(&format!(
        "\n[[links]]\nfrom = \"user\"\nto = \"c{}\"\nprotocol = \"https\"\n",
        shape.entry
    ));
    for &(a, b, p, labelled) in &shape.links {
        if a == b {
            continue;
        }
        text.push_str(&format!(
            "\n[[links]]\nfrom = \"c{a}\"\nto = \"c{b}\"\nprotocol = \"{}\"\n",
            PROTOCOLS[p]
        ));
        if labelled {
            text.push_str("label = \"a longer label here\"\n");
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_designs_keep_the_geometry_rules_and_render_the_same_bytes(shape in shape()) {
        let design = design_of(&spec_text(&shape, false));
        let direction = if shape.tb { Direction::TopToBottom } else { Direction::LeftToRight };
        let d = diagram(&design, direction);
        if let Err(e) = check_geometry(&d) {
            return Err(TestCaseError::fail(format!("{e}\n{}", spec_text(&shape, false))));
        }
        let once = render(&design, direction);
        prop_assert_eq!(&once, &render(&design, direction));
        // Declaration order of hosts and components does not change a byte.
        let shuffled = design_of(&spec_text(&shape, true));
        prop_assert_eq!(&once, &render(&shuffled, direction));
    }
}

#[test]
fn user_text_stays_text_in_the_svg() {
    let hostile = "</text><script>alert(1)</script> & \"quotes\" 'too' {{ x }}";
    let spec = format!(
        "[design]\nname = \"hostile\"\ntitle = {hostile:?}\n[hosts.h]\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\nsoftware = {hostile:?}\n\
         [[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\nlabel = {hostile:?}\n"
    );
    let svg = render(&design_of(&spec), Direction::LeftToRight);
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert!(
        doc.descendants().all(|n| n.tag_name().name() != "script"),
        "a script element got in"
    );
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>")),
        "{texts:?}"
    );
}

#[test]
fn the_png_does_not_depend_on_the_machines_fonts() {
    let design = design_of(&std::fs::read_to_string(&classic_specs()[1]).unwrap());
    let svg = svg::render(
        &diagram(&design, Direction::LeftToRight),
        &Theme::load("default").unwrap(),
    );
    let ours = png::render(&svg, 1.0).unwrap();
    // A font database with whatever the machine has, another font and other generic families.
    let mut busy = resvg::usvg::fontdb::Database::new();
    for dir in ["/usr/share/fonts", "/usr/local/share/fonts"] {
        for entry in walk(std::path::Path::new(dir)) {
            if let Ok(bytes) = std::fs::read(&entry) {
                busy.load_font_data(bytes);
            }
        }
    }
    // The machine's own Noto Sans (Debian's fonts-noto-core) is another version of the bundled
    // family: with two faces of one name, which one fontdb picks is not ours to test. What is
    // tested is that every other font the machine has changes nothing.
    let machines_noto: Vec<_> = busy
        .faces()
        .filter(|face| face.families.iter().any(|(name, _)| name == "Noto Sans"))
        .map(|face| face.id)
        .collect();
    for id in machines_noto {
        busy.remove_face(id);
    }
    busy.load_font_data(notosans::ITALIC_TTF.to_vec());
    busy.load_font_data(infradoc::layout::text::FONT_REGULAR.to_vec());
    busy.load_font_data(infradoc::layout::text::FONT_BOLD.to_vec());
    busy.set_sans_serif_family("DejaVu Sans");
    let theirs = png::render_with_fonts(&svg, 1.0, Arc::new(busy)).unwrap();
    assert!(ours == theirs, "the PNG changed with the machine's fonts");
    // And the text really is drawn: with no font at all the picture differs.
    let none =
        png::render_with_fonts(&svg, 1.0, Arc::new(resvg::usvg::fontdb::Database::new())).unwrap();
    assert!(ours != none, "no text was drawn");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "ttf" || x == "otf") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn a_theme_folder_replaces_single_files() {
    let dir = std::env::temp_dir().join(format!("infradoc-theme-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("icons")).unwrap();
    std::fs::write(dir.join("icons/web-server.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><circle id=\"mine\" cx=\"12\" cy=\"12\" r=\"9\"/></svg>").unwrap();
    let theme = Theme::load(dir.to_str().unwrap()).unwrap();
    let design = design_of(&std::fs::read_to_string(&classic_specs()[0]).unwrap());
    let svg = svg::render(&diagram(&design, Direction::LeftToRight), &theme);
    assert!(svg.contains("id=\"mine\""), "the folder's icon is used");
    assert!(
        svg.contains("#icon-database"),
        "other icons still come from the default theme"
    );
    assert_eq!(theme.palette, Theme::load("default").unwrap().palette);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn auto_theme_follows_the_colour_scheme() {
    let design = design_of(&std::fs::read_to_string(&classic_specs()[0]).unwrap());
    let svg = svg::render(
        &diagram(&design, Direction::LeftToRight),
        &Theme::load("auto").unwrap(),
    );
    assert!(svg.contains("@media (prefers-color-scheme: dark)"));
    assert!(
        !svg.contains("href=\"http") && !svg.contains("xlink:href=\"file"),
        "no external references"
    );
    let _ = root();
}

/// Links crossing a host's title over specs/ in both directions (2026-12-03): each leaves
/// the host it crosses the title of, which has no room to move it (one box, or the link
/// through the middle of its edge).
const TITLE_CROSSINGS: usize = 12;

/// The (link, host title) pairs that cross in a picture.
fn title_crossings(d: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    for h in &d.hosts {
        let t = h.title.rect;
        for e in &d.edges {
            let crosses = e.points.windows(2).any(|s| {
                let ((ax, ay), (bx, by)) = (s[0], s[1]);
                ax.min(bx) < t.right()
                    && ax.max(bx) > t.x
                    && ay.min(by) < t.bottom()
                    && ay.max(by) > t.y
            });
            if crosses {
                found.push(format!("{} {}", e.dom_id, h.dom_id));
            }
        }
    }
    found
}

#[test]
fn host_titles_move_past_the_links_that_cross_them() {
    // The agent's line to Sumo Logic leaves `web-01` through its title's place: the title
    // moves along the edge.
    let d = spec_diagram(
        "2-secured_and_monitored_web_infrastructure.toml",
        Direction::TopToBottom,
    );
    assert!(
        title_crossings(&d)
            .iter()
            .all(|c| !c.ends_with("host-web-01"))
    );
    // Where a host has no room (one box, its link leaving through the middle of its edge),
    // the title stays; over specs/ in both directions, no more than today.
    let mut total = Vec::new();
    for path in all_specs() {
        let design = design_of(&std::fs::read_to_string(&path).unwrap());
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            total.extend(title_crossings(&diagram(&design, direction)));
        }
    }
    assert!(
        total.len() <= TITLE_CROSSINGS,
        "{} crossings: {total:?}",
        total.len()
    );
}
