//! The DNS lookup drawn as the request's first step: which clients ask DNS for a name before
//! they connect, and what the DNS box says it answers.

use crate::model::{ComponentId, Design, DnsRecord, Kind, Link};

use super::build::MAX_CHARS;
use super::text;

/// The DNS box and who asks it. Drawn when a client's request starts with a lookup
/// ([`Design::looked_up`]) and the design has no DNS component of its own (then that component
/// is the one drawn).
pub(super) struct Lookup<'a> {
    /// The box's node index: after the components and the virtual IPs.
    pub node: usize,
    /// Each client that looks a name up, with the first name it asks for.
    pub clients: Vec<(ComponentId, &'a DnsRecord)>,
    /// Every record looked up, each once, in the order of the links.
    pub records: Vec<&'a DnsRecord>,
    /// The client the box stands beside, in its layer, with the question on a straight
    /// arrow between them: the one client that asks, when it is on no host. Otherwise the
    /// box goes one layer after the clients, beside the entry they connect to next.
    pub beside: Option<ComponentId>,
}

/// The lookup to draw, if any.
pub(super) fn lookup(design: &Design) -> Option<Lookup<'_>> {
    if design.components_of_kind(Kind::Dns).next().is_some() {
        return None;
    }
    let mut clients: Vec<(ComponentId, &DnsRecord)> = Vec::new();
    let mut records: Vec<&DnsRecord> = Vec::new();
    for link in &design.links {
        let Some(record) = looked_up(design, link) else {
            continue;
        };
        if !records.iter().any(|r| std::ptr::eq(*r, record)) {
            records.push(record);
        }
        if !clients.iter().any(|(c, _)| *c == link.from) {
            clients.push((link.from, record));
        }
    }
    let beside = match clients.as_slice() {
        [(client, _)] if design.component(*client).host.is_none() => Some(*client),
        _ => None,
    };
    (!records.is_empty()).then(|| Lookup {
        node: design.components.len() + design.vips.len(),
        clients,
        records,
        beside,
    })
}

/// The record a client looks up before it sends users' requests over `link`; `None` for
/// every other link.
pub(super) fn looked_up<'a>(design: &'a Design, link: &Link) -> Option<&'a DnsRecord> {
    (link.serves() && design.component(link.from).kind == Kind::Client)
        .then(|| design.looked_up(link))
        .flatten()
}

impl Lookup<'_> {
    /// The box's second line: the first answer, and how many more names are looked up.
    /// "www.foobar.com → 8.8.8.8".
    pub fn answer(&self) -> String {
        let first = self.records[0];
        let more = match self.records.len() - 1 {
            0 => String::new(),
            k => format!(" (+{k} more)"),
        };
        let room = MAX_CHARS.saturating_sub(more.chars().count() + 3);
        let name = text::clip(&first.fqdn, room / 2);
        let value = text::clip(&first.value, room - name.chars().count());
        format!("{name} → {value}{more}")
    }

    /// The label of a client's edge to the box: "1 · where is www.foobar.com?".
    pub fn question(record: &DnsRecord) -> String {
        format!(
            "1 · where is {}?",
            text::clip(&record.fqdn, MAX_CHARS - "1 · where is ?".chars().count())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::design_of as design;

    const TWO: &str = r#"
[design]
name = "t"
domain = "foobar.com"
[[dns]]
name = "www"
type = "A"
value = "8.8.8.8"
[[dns]]
name = "api"
type = "A"
value = "8.8.4.4"
[hosts.a]
ip = "8.8.8.8"
[hosts.b]
ip = "8.8.4.4"
[components.web]
kind = "web-server"
host = "a"
[components.api]
kind = "app-server"
host = "b"
[[links]]
from = "user"
to = ["web", "api"]
protocol = "https"
"#;

    #[test]
    fn the_box_answers_the_first_name_and_counts_the_others() {
        let d = design(TWO);
        let lookup = lookup(&d).expect("a lookup");
        assert_eq!(lookup.node, d.components.len());
        assert_eq!(lookup.clients.len(), 1);
        assert_eq!(lookup.clients[0].1.fqdn, "www.foobar.com");
        assert_eq!(lookup.answer(), "www.foobar.com → 8.8.8.8 (+1 more)");
        assert_eq!(
            Lookup::question(lookup.clients[0].1),
            "1 · where is www.foobar.com?"
        );
    }

    #[test]
    fn long_names_are_clipped() {
        let long = ["a".repeat(40), "b".repeat(40)].join(".");
        let d = design(&TWO.replace("name = \"www\"", &format!("name = \"{long}\"")));
        let lookup = lookup(&d).expect("a lookup");
        assert!(
            lookup.answer().chars().count() <= MAX_CHARS,
            "{}",
            lookup.answer()
        );
        assert!(lookup.answer().ends_with("→ 8.8.8.8 (+1 more)"));
        let question = Lookup::question(lookup.clients[0].1);
        assert!(question.chars().count() <= MAX_CHARS && question.ends_with("…?"));
    }

    #[test]
    fn a_dns_component_or_no_record_draws_no_box() {
        let own = format!(
            "{TWO}[components.route53]\nkind = \"dns\"\nmanaged = true\n[[links]]\nfrom = \"user\"\nto = \"route53\"\nprotocol = \"dns\"\n"
        );
        assert!(lookup(&design(&own)).is_none());
        let none = TWO.replace(
            "value = \"8.8.8.8\"\n[[dns]]",
            "value = \"1.1.1.1\"\n[[dns]]",
        );
        let none = none.replace("value = \"8.8.4.4\"\n[hosts", "value = \"1.0.0.1\"\n[hosts");
        assert!(lookup(&design(&none)).is_none());
    }
}
