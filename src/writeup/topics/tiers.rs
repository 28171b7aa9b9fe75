//! Why split the web, application and database tiers: where each tier now runs, what the
//! split buys, and the single points of failure it leaves, against the design it grew from.

use super::*;

pub(super) fn split_tiers(f: &Facts<'_>) -> String {
    let d = f.design;
    let tiers = [Kind::WebServer, Kind::AppServer, Kind::Database];
    let mut placed = Vec::new();
    for kind in tiers {
        for c in of_kind(d, kind) {
            if let Some(h) = d.component(c).host {
                let why = d.host(h).why.as_deref().map(clause);
                placed.push(match why {
                    Some(why) => format!(
                        "- {} on {}: {why}.",
                        code(&d.component(c).id),
                        code(&d.host(h).id)
                    ),
                    None => format!("- {} on {}.", code(&d.component(c).id), code(&d.host(h).id)),
                });
            }
        }
    }
    let mut text = format!(
        "Each tier now has its own server:\n\n{}\n\nSplit, each machine is sized for one job; a \
         busy tier no longer takes CPU, memory or disk from the others; each tier can be scaled \
         on its own (more web servers, more application servers, a bigger database); and a \
         firewall between tiers means a broken-into web server does not hold the data.",
        placed.join("\n")
    );
    let spofs = |r: &Report| {
        r.active()
            .filter(|x| x.rule.name == "single-point-of-failure")
            .count()
    };
    let now = spofs(f.report);
    if let Some(b) = &f.before {
        let then = spofs(b.report);
        text.push_str(&format!(
            "\n\nThe price: more machines to run and pay for, and every request crosses the network between tiers. With one server per tier, the design has {} where the design before had {}, and its estimated availability {} from {:.3}% to {:.3}%.",
            number(now, "single point of failure", "single points of failure"),
            number(then, "", "").trim(),
            if f.availability.value < b.availability.value { "falls" } else { "goes" },
            b.availability.percent(),
            f.availability.percent()
        ));
        if now > then {
            text.push_str(
                " Each tier needs a second server behind the load balancers to win that back.",
            );
        }
    } else if now > 0 {
        text.push_str(&format!(
            "\n\nThe price: more machines to run, every request crosses the network between tiers, and with one server per tier the design has {}.",
            count(now, "single point of failure", "single points of failure")
        ));
    }
    text
}
