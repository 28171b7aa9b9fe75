//! The "Where things run" sentences on small designs: one zone, three availability zones, two
//! regions, a host in no zone, a public network no firewall guards.

use super::{Zones, answer, build, role};
use crate::model::Design;
use crate::writeup::ids::Ids;

fn design(body: &str) -> Design {
    crate::design_of(&format!("[design]\nname = \"d\"\n{body}"))
}

fn zones(body: &str) -> Zones {
    let design = design(body);
    build(&design, &Ids::new(&design)).expect("the design declares zones")
}

const WEB_DB: &str = r#"
[[links]]
from = "user"
to = "lb"
protocol = "http"
[[links]]
from = "lb"
to = ["nginx-a", "nginx-b"]
protocol = "http"
[[links]]
from = ["nginx-a", "nginx-b"]
to = "db"
protocol = "postgresql"
[components.nginx-a]
kind = "web-server"
host = "web-a"
[components.nginx-b]
kind = "web-server"
host = "web-b"
[components.db]
kind = "database"
host = "db-1"
"#;

#[test]
fn a_design_without_zones_has_no_section() {
    let d = design(
        "[hosts.web]\n[components.nginx]\nkind = \"web-server\"\nhost = \"web\"\n[[links]]\nfrom = \"user\"\nto = \"nginx\"\nprotocol = \"http\"\n",
    );
    assert!(build(&d, &Ids::new(&d)).is_none());
}

#[test]
fn one_zone_holds_everything() {
    let z = zones(&format!(
        r#"
[zones.az-a]
kind = "availability-zone"
[hosts.web-a]
zone = "az-a"
[hosts.web-b]
zone = "az-a"
[hosts.db-1]
zone = "az-a"
[components.lb]
kind = "load-balancer"
managed = true
zones = ["az-a"]
{WEB_DB}"#
    ));
    assert_eq!(
        z.list,
        [
            "`az-a` (availability zone): `db-1` (database), `web-a` (web server) and `web-b` (web server)."
        ]
    );
    assert_eq!(
        z.spread.as_deref(),
        Some(
            "The load balancer `lb`, the web servers and the database `db` run in `az-a`, the only availability zone."
        )
    );
    // The spread places `lb`; nothing says it twice.
    assert!(z.placement.is_empty(), "{:?}", z.placement);
}

#[test]
fn three_availability_zones_and_a_replica() {
    let z = zones(&format!(
        r#"
[zones.eu]
kind = "region"
notes = "Frankfurt."
[zones.az-a]
kind = "availability-zone"
parent = "eu"
[zones.az-b]
kind = "availability-zone"
parent = "eu"
[zones.az-c]
kind = "availability-zone"
parent = "eu"
[hosts.web-a]
zone = "az-a"
[hosts.web-b]
zone = "az-b"
[hosts.db-1]
zone = "az-a"
[hosts.db-2]
zone = "az-c"
[components.lb]
kind = "load-balancer"
managed = true
zones = ["az-a", "az-b", "az-c"]
[components.replica]
kind = "database"
host = "db-2"
role = "replica"
replicates_from = "db"
[components.backups]
kind = "backup"
managed = true
[components.store]
kind = "storage"
managed = true
zones = ["eu"]
{WEB_DB}"#
    ));
    assert_eq!(
        z.list,
        [
            "`eu` (region): Frankfurt.\n    - `az-a` (availability zone): `db-1` (primary database) and `web-a` (web server).\n    - `az-b` (availability zone): `web-b` (web server).\n    - `az-c` (availability zone): `db-2` (database replica)."
        ]
    );
    assert_eq!(
        z.spread.as_deref(),
        Some(
            "The load balancer `lb` runs in all three availability zones; the web servers run in `az-a` and `az-b`; the primary database `db` runs only in `az-a`, its replica `replica` in `az-c`."
        )
    );
    assert_eq!(
        z.placement,
        [
            "The provider runs `store` in `eu`.",
            "The design does not say where the provider runs `backups`."
        ]
    );
}

#[test]
fn two_regions_without_availability_zones() {
    let z = zones(&format!(
        r#"
[zones.eu]
kind = "region"
why = "Most users are in Europe."
[zones.us]
kind = "region"
why = "web-b's copy, near the American users"
[hosts.web-a]
zone = "eu"
[hosts.web-b]
zone = "us"
[hosts.db-1]
zone = "eu"
[components.lb]
kind = "load-balancer"
managed = true
{WEB_DB}"#
    ));
    assert_eq!(
        z.list,
        [
            "`eu` (region): `db-1` (database) and `web-a` (web server). Most users are in Europe.",
            "`us` (region): `web-b` (web server). `web-b`'s copy, near the American users."
        ]
    );
    assert_eq!(
        z.spread.as_deref(),
        Some("The web servers run in both regions; the database `db` runs only in `eu`.")
    );
    assert_eq!(
        z.placement,
        ["The design does not say where the provider runs `lb`."]
    );
}

#[test]
fn hosts_in_no_zone_are_named() {
    let z = zones(&format!(
        r#"
[zones.az-a]
kind = "availability-zone"
[zones.az-b]
kind = "availability-zone"
[zones.office]
kind = "network"
[hosts.web-a]
zone = "az-a"
[hosts.web-b]
[hosts.db-1]
zone = "office"
[hosts.spare]
[components.lb]
kind = "load-balancer"
managed = true
zones = ["az-a", "az-b"]
{WEB_DB}"#
    ));
    assert_eq!(
        z.list,
        [
            "`az-a` (availability zone): `web-a` (web server).",
            "`az-b` (availability zone): no hosts.",
            "`office` (private network): `db-1` (database)."
        ]
    );
    assert_eq!(z.placement, ["`spare` and `web-b` are in no zone."]);
    assert_eq!(
        z.spread.as_deref(),
        Some(
            "The load balancer `lb` runs in both availability zones; the web server `nginx-a` runs only in `az-a`; `nginx-b` and `db` run in no availability zone."
        )
    );
}

#[test]
fn a_public_network_without_a_firewall_is_named() {
    let body = |firewall: &str| {
        format!(
            r#"
[zones.dmz]
kind = "network"
public = true
[zones.inside]
kind = "network"
[hosts.web-a]
zone = "dmz"
[hosts.web-b]
zone = "dmz"
[hosts.db-1]
zone = "inside"
[components.lb]
kind = "load-balancer"
host = "web-a"
{firewall}
{WEB_DB}"#
        )
    };
    let z = zones(&body(""));
    assert_eq!(
        z.placement,
        [
            "No firewall guards the public network `dmz` or `inside`: nothing filters what the internet sends to `web-a` and `web-b`."
        ]
    );
    // Networks are no failure unit: nothing to say about the spread.
    assert_eq!(z.spread, None);
    let z = zones(&body(
        "[components.fw]\nkind = \"firewall\"\nprotects = [\"inside\", \"web-a\"]\n",
    ));
    assert_eq!(
        z.placement,
        [
            "The firewall `fw` guards the boundary of `inside`.",
            "No firewall guards the public network `dmz`: nothing filters what the internet sends to `web-b`."
        ]
    );
    let z = zones(&body(
        "[components.fw]\nkind = \"firewall\"\nprotects = [\"inside\", \"dmz\"]\n",
    ));
    assert_eq!(
        z.placement,
        ["The firewall `fw` guards the boundary of every network."]
    );
}

#[test]
fn a_host_reads_as_what_it_runs() {
    let d = design(
        r#"
[hosts.h]
[hosts.empty]
[components.nginx]
kind = "web-server"
host = "h"
[components.app]
kind = "app-server"
host = "h"
[components.agent]
kind = "monitoring-agent"
host = "h"
[components.cache]
kind = "cache"
host = "h"
"#,
    );
    let h = d.find_host("h").unwrap();
    assert_eq!(
        role(&d, h).as_deref(),
        Some("web and application server and cache")
    );
    assert_eq!(role(&d, d.find_host("empty").unwrap()), None);
}

#[test]
fn the_zones_topic_says_what_each_zone_takes_with_it() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/three-zone-web-service.toml"
    );
    let d = crate::compile_file(std::path::Path::new(path))
        .design
        .expect("valid spec");
    let text = answer(&d);
    for expected in [
        "This design runs here:\n\n- `eu-west-1` (region): Where the users are",
        "If `az-a` fails, `bastion`, `db-a` and `web-a` fail with it.",
        "If `az-c` fails, `web-c` fails with it.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let none = design("[hosts.web]\n");
    assert!(answer(&none).ends_with("This design declares no zones: it does not say where its machines run, so it cannot tell which of them fail together."));
}
