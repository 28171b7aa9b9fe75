//! The write-up's request flow and operators' section on the designs of tests/fixtures/flow/
//! and specs/: a tree over serve links, virtual IPs, background work, admin access kept apart,
//! and templated sentences that stay true for designs they were not written for.

use infradoc::lint::lint;
use infradoc::model::Design;
use infradoc::render::Theme;
use infradoc::spec::vocabulary::Purpose;
use infradoc::writeup::{flow_steps, writeup};

fn design(path: &std::path::Path) -> Design {
    infradoc::compile_file(path).design.expect("valid spec")
}

fn fixture(name: &str) -> Design {
    design(&crate::root().join("tests/fixtures/flow").join(name))
}

fn text(design: &Design) -> String {
    let report = lint(design, "2026-11-28");
    let theme = Theme::load("default").unwrap();
    writeup(
        design,
        &report,
        infradoc::analysis::estimate(design),
        None,
        "diagram.svg",
        &theme.writeup,
    )
    .unwrap()
}

fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in:\n{text}"));
    let rest = &text[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

/// One component's part of the Components section.
fn component<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in:\n{text}"));
    let rest = &text[start + heading.len()..];
    &rest[..rest.find("\n#").unwrap_or(rest.len())]
}

fn has(text: &str, phrase: &str) {
    assert!(text.contains(phrase), "missing {phrase:?} in:\n{text}");
}

fn lacks(text: &str, phrase: &str) {
    assert!(!text.contains(phrase), "found {phrase:?} in:\n{text}");
}

#[test]
fn a_cdn_branches_by_path() {
    let d = fixture("cdn-paths.toml");
    let text = text(&d);
    let flow = section(&text, "## How a request flows");
    has(
        flow,
        "otherwise it fetches the answer from the origin, chosen by path:\n    - `/static/*` and `/images/*` go to `bucket`, which returns the stored file or object.",
    );
    has(
        flow,
        "\n    - `/api/*` goes to `lb`:\n        1. `lb` picks one of `app-1` or `app-2`",
    );
    // The bucket is a branch, not a step after the load balancer.
    lacks(flow, "`bucket` handles it");
    // Managed components run at the provider, on no host of the design.
    let cdn = component(&text, "### `cdn` · CDN");
    has(cdn, "Managed by the provider; no host of yours.");
    lacks(cdn, "Runs on");
    has(
        &text,
        "and on services the provider manages (`bucket`, `cdn`, `db` and `lb`)",
    );
    has(
        &text,
        "An ALIAS record makes example.com answer with the addresses of `abc.cdn.example.net`",
    );
    lacks(&text, "How operators reach the machines");
}

#[test]
fn a_vip_pair_has_one_entry_and_a_standby() {
    let d = fixture("vip-pair.toml");
    let text = text(&d);
    let flow = section(&text, "## How a request flows");
    // Whose address it is; the next step says which holder answers, and the machines list
    // how the address moves, once.
    has(
        flow,
        "answers **203.0.113.10**, the virtual IP `vip` of `lb-1` and `lb-2`.",
    );
    has(
        section(&text, "## Machines"),
        "the virtual IP that `lb-1` holds; `lb-2` takes it over if `lb-1` fails, and keepalived moves it.",
    );
    assert_eq!(
        text.matches("takes it over if `lb-1` fails").count(),
        1,
        "{text}"
    );
    has(
        flow,
        "The active load balancer, `lb-1`, picks one of `app-1` or `app-2`",
    );
    has(
        flow,
        "`lb-2` stands by to take over if it fails (active-passive).",
    );
    // Never two live entry points.
    lacks(flow, "Whichever of `lb-1` or `lb-2`");
    lacks(flow, "the public address of");
    // The setup is the pair's, not the application servers'.
    has(
        &text,
        "The load balancers `lb-1` and `lb-2` run **active-passive**.",
    );
    lacks(&text, "This design's servers run");
    has(
        &text,
        "they share\nthe site's address (the virtual IP 203.0.113.10, which keepalived moves to the standby when the active one fails)",
    );
    has(
        &text,
        "It holds the virtual IP 203.0.113.10; `lb-2` takes it over if it fails.",
    );
}

#[test]
fn replication_has_one_mode_in_the_whole_write_up() {
    let text = text(&fixture("vip-pair.toml"));
    let flow = section(&text, "## How a request flows");
    let background = section(&text, "### Primary-replica replication");
    has(
        flow,
        "does not confirm a write until `pg-2` has it too (synchronous replication)",
    );
    has(background, "Replication here is **synchronous**");
    for part in [flow, background] {
        lacks(part, "asynchronous");
    }
    // The replica serves no reads here, and the write-up does not say it does.
    has(
        background,
        "The application sends every query to the primary",
    );
    lacks(&text, "other reads to the replica");
    lacks(&text, "it serves reads");
}

#[test]
fn only_real_alternatives_carry_on_for_each_other() {
    let text = text(&fixture("vip-pair.toml"));
    // Each agent watches its own host; each code base belongs to its server.
    lacks(&text, "one of 2 monitoring agents");
    lacks(&text, "application codes");
    has(
        &text,
        "It is one of 2 application servers that answer the same requests, so the other carries on",
    );
}

#[test]
fn queue_consumers_work_after_the_response() {
    let d = fixture("queue-workers.toml");
    let steps = flow_steps(&d);
    let response = steps
        .iter()
        .position(|s| s.starts_with("The response goes back"))
        .expect("a response step");
    let later = steps[response + 1..].join("\n");
    has(
        &later,
        "Later, each job is taken from `jobs` and done by `workers`, using `db`.",
    );
    for step in &steps[..response] {
        lacks(
            &step.replace("`workers` do it after the response", ""),
            "`workers`",
        );
    }
    let text = text(&d);
    has(
        component(&text, "### `workers` · application server"),
        "It does the work that can wait until after the response.",
    );
}

#[test]
fn operators_have_their_own_section() {
    let d = fixture("vpn-bastion.toml");
    let text = text(&d);
    let admin = section(&text, "## How operators reach the machines");
    has(
        admin,
        "Operators come in through `vpn` as users do, then connect to `jump` over SSH.",
    );
    has(
        admin,
        "From `jump`, they reach every other machine over SSH: `gw` and `web`.",
    );
    has(admin, "Every operator session passes through `jump`");
    let flow = section(&text, "## How a request flows");
    lacks(flow, "`jump`");
    lacks(flow, "SSH");
    // A UDP VPN tunnel is neither a TCP connection nor TLS.
    has(
        flow,
        "It opens an encrypted tunnel to `vpn` over UDP on port 51820",
    );
    lacks(flow, "TCP connection on port 51820");
    // The internal name is looked up inside the tunnel.
    has(
        flow,
        "The `A` record `intranet` is internal, answered only inside the network; it answers **10.1.0.10**, the address of `web`.",
    );
    has(
        &text,
        "The record is internal: only the network's own resolver answers it",
    );
}

#[test]
fn no_flow_step_mentions_an_admin_link() {
    let mut dirs = crate::all_specs();
    for f in std::fs::read_dir(crate::root().join("tests/fixtures/flow")).unwrap() {
        dirs.push(f.unwrap().path());
    }
    let mut checked = 0;
    for path in dirs {
        let d = design(&path);
        let steps = flow_steps(&d).join("\n");
        for link in d.links.iter().filter(|l| l.purpose == Purpose::Admin) {
            checked += 1;
            let to = d.component(link.to);
            // Reached only by operators: the flow never names it.
            let operators_only = d.links_to(link.to).all(|l| l.purpose == Purpose::Admin);
            if operators_only {
                lacks(&steps, &format!("`{}`", to.id));
            }
        }
        // Background work (a backup over SSH) comes after the response; the request never uses SSH.
        let request = steps.split("The response goes back").next().unwrap_or("");
        lacks(request, "SSH");
    }
    assert!(checked >= 10, "only {checked} admin links seen");
}

#[test]
fn writeups_of_the_real_designs() {
    for path in crate::all_specs()
        .into_iter()
        .filter(|p| !crate::classic_specs().contains(p))
    {
        let text = text(&design(&path));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("writeup-{name}"), text);
    }
}

#[test]
fn where_things_run_in_the_three_zone_design() {
    let d = design(&crate::root().join("specs/three-zone-web-service.toml"));
    let text = text(&d);
    let zones = section(&text, "## Where things run");
    insta::assert_snapshot!("where-three-zone-web-service", zones);
}

#[test]
fn only_designs_with_zones_say_where_things_run() {
    let mut with = 0;
    for path in crate::all_specs() {
        let d = design(&path);
        let text = text(&d);
        if d.zones.is_empty() {
            lacks(&text, "## Where things run");
        } else {
            with += 1;
            // After the operators' access, before the machines.
            let at = text.find("## Where things run").expect("section");
            assert!(
                at < text.find("## Machines").unwrap_or(text.len()),
                "{text}"
            );
        }
    }
    assert!(with >= 1, "no spec declares zones");
}
