//! "How a request flows": a tree computed from the design's `serve` links, from the user
//! reaching the site's name to the response coming back: alternatives ("one of"), branches by
//! request path, and the background work done after the response.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use crate::model::{ComponentId, Design, DnsRecord, Kind, Link, Vip};
use crate::spec::vocabulary::{
    Algorithm, DnsType, Protocol, Purpose, Replication, Role, Setup, Vocabulary,
};

use super::markdown::{and, capitalize, code, escape, or};

/// `nginx-1` (Nginx).
pub fn name(design: &Design, c: ComponentId) -> String {
    let component = design.component(c);
    match &component.software {
        Some(s) => format!("{} ({})", code(&component.id), escape(s)),
        None => code(&component.id),
    }
}

fn names(design: &Design, ids: &[ComponentId]) -> Vec<String> {
    ids.iter().map(|&c| code(&design.component(c).id)).collect()
}

/// How a link reads: "HTTPS on port 443".
pub fn protocol_phrase(protocol: Protocol, port: Option<u16>) -> String {
    let p = match protocol {
        Protocol::Http => "HTTP".to_string(),
        Protocol::Https => "HTTPS".to_string(),
        Protocol::Mysql => "the MySQL protocol".to_string(),
        Protocol::Postgresql => "the PostgreSQL protocol".to_string(),
        Protocol::Redis => "the Redis protocol".to_string(),
        Protocol::Memcached => "the memcached protocol".to_string(),
        Protocol::Kafka => "the Kafka protocol".to_string(),
        Protocol::Grpc => "gRPC".to_string(),
        Protocol::File => "the file system".to_string(),
        Protocol::Replication => "database replication".to_string(),
        other => other.as_str().to_uppercase(),
    };
    match port {
        Some(port) => format!("{p} on port {port}"),
        None => p,
    }
}

/// One step of the flow; its children are alternatives, branches or a nested sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub text: String,
    pub children: Vec<Node>,
    /// Whether the children are a sequence (numbered) rather than branches (bulleted).
    pub ordered: bool,
}

impl Node {
    fn leaf(text: String) -> Self {
        Node {
            text,
            children: Vec::new(),
            ordered: false,
        }
    }

    /// The step as Markdown list-item content: its text, then its children as a nested list
    /// indented to sit inside the item.
    fn markdown(&self, indent: usize) -> String {
        let mut out = self.text.clone();
        for (i, child) in self.children.iter().enumerate() {
            let marker = if self.ordered {
                format!("{}.", i + 1)
            } else {
                "-".to_string()
            };
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            out.push_str(&marker);
            out.push(' ');
            out.push_str(&child.markdown(indent + 4));
        }
        out
    }
}

/// The request path's serve links out of `c`: no replication, admin or background traffic,
/// and nothing that is not on the path (certificates, monitoring).
fn serve_links(design: &Design, c: ComponentId) -> impl Iterator<Item = &Link> + '_ {
    design.links_from(c).filter(move |l| {
        l.serves()
            && l.protocol != Protocol::Replication
            && crate::analysis::on_request_path(design.component(l.to).kind)
    })
}

/// The clients' serve links: where the request path starts.
fn entry_links(design: &Design) -> Vec<&Link> {
    design
        .components_of_kind(Kind::Client)
        .flat_map(|c| serve_links(design, c))
        .collect()
}

/// The numbered steps, as Markdown list-item contents (nested lists inside).
pub fn steps(design: &Design, site: &str) -> Vec<String> {
    tree(design, site)
        .iter()
        .map(|node| node.markdown(4))
        .collect()
}

/// The components that answer the same requests in turn (one of them gets each request), by
/// component: the groups the flow says "one of" about. Databases (a primary and its replicas
/// do different work) and code bases are not alternatives.
pub fn alternatives(design: &Design) -> BTreeMap<ComponentId, Rc<[ComponentId]>> {
    let mut walk = Walk::new(design);
    let entries = entry_groups(design);
    for (group, via) in entries {
        walk.hop(&group, via);
    }
    let mut out = BTreeMap::new();
    for group in walk.groups {
        let kind = design.component(group[0]).kind;
        if group.len() > 1 && !matches!(kind, Kind::Database | Kind::AppFiles) {
            // One copy shared by its members: a pool of thousands is not copied for each.
            let group: Rc<[ComponentId]> = group.into();
            for &c in group.iter() {
                out.insert(c, Rc::clone(&group));
            }
        }
    }
    out
}

/// The entry groups: the clients' targets, one group per virtual IP and one for the rest.
fn entry_groups(design: &Design) -> Vec<(Vec<ComponentId>, Option<&Vip>)> {
    let links = entry_links(design);
    let mut by_vip: BTreeMap<Option<u32>, Vec<ComponentId>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for l in &links {
        let vip = l.via.map(|v| v.0);
        if seen.insert((vip, l.to)) {
            by_vip.entry(vip).or_default().push(l.to);
        }
    }
    by_vip
        .into_iter()
        .map(|(vip, mut group)| {
            let vip = vip.and_then(|v| design.vips.get(v as usize));
            match vip {
                // The holders in the VIP's order: the first one holds the address.
                Some(v) => group.sort_by_key(|c| v.held_by.iter().position(|h| h == c)),
                None => group.sort(),
            }
            (group, vip)
        })
        .collect()
}

/// The whole flow as a tree of steps.
pub fn tree(design: &Design, site: &str) -> Vec<Node> {
    let links = entry_links(design);
    let Some(&first) = links.first() else {
        return Vec::new();
    };
    let groups = entry_groups(design);
    let entries: Vec<ComponentId> = groups.iter().flat_map(|(g, _)| g.clone()).collect();
    let vip = groups.iter().find_map(|(_, v)| *v);
    let vpn = entries
        .iter()
        .all(|&c| design.component(c).kind == Kind::VpnGateway);
    let mut steps = Vec::new();

    // 1. DNS.
    steps.push(Node::leaf(dns_step(design, site, &links, vip, vpn)));
    // 2. The connection.
    let encrypted = links.iter().all(|l| l.encrypted);
    steps.push(Node::leaf(connection(
        design, first, &entries, vip, vpn, encrypted,
    )));
    // Firewalls in front of the entry.
    steps.extend(firewalls(design, &entries).into_iter().map(Node::leaf));
    // The hops of the request path.
    let mut walk = Walk::new(design);
    for (group, via) in &groups {
        steps.extend(walk.hop(group, *via));
    }
    steps.push(Node::leaf(if vpn {
        "The response goes back the way the request came, through the tunnel, to the browser, which renders the page.".to_string()
    } else if encrypted {
        "The response goes back the way the request came; from the point where TLS ends it is encrypted again on its way to the browser, which renders the page.".to_string()
    } else {
        "The response goes back the way the request came, unencrypted, to the browser, which renders the page.".to_string()
    }));
    let later = background(design, &walk.seen);
    if !later.is_empty() {
        steps.push(Node {
            text: "Away from the user's request, work goes on in the background:".to_string(),
            children: later.into_iter().map(Node::leaf).collect(),
            ordered: false,
        });
    }
    steps
}

/// The record users look up, and what it answers.
fn dns_step(design: &Design, site: &str, links: &[&Link], vip: Option<&Vip>, vpn: bool) -> String {
    let public = |d: &&DnsRecord| {
        !d.internal
            && matches!(
                d.record_type,
                DnsType::A | DnsType::Aaaa | DnsType::Cname | DnsType::Alias
            )
    };
    // The record the first request looks up (as the diagram draws it), else the site's.
    let record = links
        .iter()
        .filter_map(|l| design.looked_up(l))
        .find(public)
        .or_else(|| design.dns.iter().filter(public).find(|d| d.fqdn == site))
        .or_else(|| design.dns.iter().find(public));
    let Some(r) = record else {
        return format!("The user's browser sets out to reach {}.", escape(site));
    };
    let answer = answer(design, r, vip);
    // Other public names that lead to the same place.
    let same: Vec<String> = design
        .dns
        .iter()
        .filter(public)
        .filter(|d| d.value == r.value && d.fqdn != r.fqdn)
        .map(|d| {
            format!(
                "**{}** leads to the same place through the `{}` record {}",
                escape(&d.fqdn),
                d.record_type,
                code(&d.name)
            )
        })
        .collect();
    let same = if same.is_empty() {
        String::new()
    } else {
        format!(" {}.", capitalize(&and(&same)))
    };
    let who = if vpn {
        format!(
            "The user's VPN client looks up **{}** in DNS",
            escape(&r.fqdn)
        )
    } else {
        format!(
            "The user types **{}** in a browser. The browser asks DNS for that name",
            escape(&r.fqdn)
        )
    };
    format!(
        "{who}, and the `{}` record {} {answer}.{same}",
        r.record_type,
        code(&r.name)
    )
}

/// What a record answers, as the rest of "the `A` record `www` ...".
fn answer(design: &Design, r: &DnsRecord, vip: Option<&Vip>) -> String {
    match r.record_type {
        DnsType::Cname => format!(
            "makes it an alias of {}, which DNS resolves in turn",
            code(&r.value)
        ),
        DnsType::Alias => format!(
            "answers with the addresses of {}, which the DNS provider looks up itself (unlike a CNAME, such an alias may sit at the zone apex)",
            code(&r.value)
        ),
        _ => {
            let vip = vip
                .filter(|v| v.ip.to_string() == r.value)
                .or_else(|| design.vips.iter().find(|v| v.ip.to_string() == r.value));
            if let Some(v) = vip {
                // The next step says which holder answers; the machines list, how it moves.
                return format!("answers **{}**, {}", escape(&r.value), vip_owner(design, v));
            }
            let holder = design
                .hosts
                .iter()
                .find(|h| h.ip.map(|ip| ip.to_string()) == Some(r.value.clone()));
            match holder {
                Some(h) if h.public => format!(
                    "answers **{}**, the public address of {}",
                    escape(&r.value),
                    code(&h.id)
                ),
                Some(h) => format!(
                    "answers **{}**, the address of {}",
                    escape(&r.value),
                    code(&h.id)
                ),
                None => format!("answers **{}**", escape(&r.value)),
            }
        }
    }
}

/// "the virtual IP `vip-www` of `haproxy-1` and `haproxy-2`".
pub fn vip_owner(design: &Design, v: &Vip) -> String {
    format!(
        "the virtual IP {} of {}",
        code(&v.id),
        and(&names(design, &v.held_by))
    )
}

/// "the virtual IP that `haproxy-1` holds; `haproxy-2` takes it over if `haproxy-1` fails
/// , and keepalived moves it".
pub fn vip_phrase(design: &Design, v: &Vip) -> String {
    let holders = names(design, &v.held_by);
    let software = v.software.as_deref().map(escape);
    match (v.mode, holders.split_first()) {
        (Setup::ActivePassive, Some((active, standbys))) => {
            let moves = software.map_or(String::new(), |s| format!(", and {s} moves it"));
            format!(
                "the virtual IP that {active} holds; {} {} it over if {active} fails{moves}",
                or(standbys),
                if standbys.len() == 1 { "takes" } else { "take" }
            )
        }
        _ => {
            let with = software.map_or(String::new(), |s| format!(", shared with {s}"));
            format!(
                "a virtual IP on which {} all answer at once (active-active{with})",
                and(&holders)
            )
        }
    }
}

/// How the browser (or VPN client) reaches the entry.
fn connection(
    design: &Design,
    first: &Link,
    entries: &[ComponentId],
    vip: Option<&Vip>,
    vpn: bool,
    encrypted: bool,
) -> String {
    let port = first
        .port
        .map_or(String::new(), |p| format!(" on port {p}"));
    let target = match vip {
        Some(v) => {
            let holders = names(design, &v.held_by);
            match (v.mode, holders.split_first()) {
                (Setup::ActivePassive, Some((active, standbys))) => format!(
                    "the virtual IP, that is to {active} (or to {} after a failover)",
                    or(standbys)
                ),
                _ => format!("the virtual IP, answered by {}", or(&holders)),
            }
        }
        None => or(&names(design, entries)),
    };
    if vpn {
        return format!(
            "It opens an encrypted tunnel to {target} over {}; the user's traffic then travels inside it into the private network.",
            protocol_phrase(first.protocol, first.port)
        );
    }
    let opens = if first.protocol == Protocol::Udp {
        format!("It sends UDP datagrams{port} to {target}")
    } else {
        format!(
            "It opens a TCP connection{port} to {target} and sends its request in {}",
            protocol_phrase(first.protocol, None)
        )
    };
    let tls = matches!(first.protocol, Protocol::Https | Protocol::Tls);
    let how = if encrypted && tls {
        let certs: Vec<ComponentId> = design
            .components_of_kind(Kind::TlsCertificate)
            .filter(|&c| {
                design
                    .component(c)
                    .attrs
                    .installed_on
                    .iter()
                    .any(|t| entries.contains(t))
            })
            .collect();
        match certs.first() {
            Some(&cert) => format!(
                "TLS encrypts everything on the way, and the certificate {} proves to the browser that it reached the real site.",
                code(&design.component(cert).id)
            ),
            None => "TLS encrypts everything on the way, but no certificate in the design proves the server's identity.".to_string(),
        }
    } else if encrypted {
        "the traffic is encrypted on the way.".to_string()
    } else {
        "the request travels unencrypted, readable by anyone on the path.".to_string()
    };
    format!("{opens}: {how}")
}

/// The firewalls that guard these components' hosts, as steps.
fn firewalls(design: &Design, guarded: &[ComponentId]) -> Vec<String> {
    design
        .components_of_kind(Kind::Firewall)
        .filter(|&fw| {
            design
                .component(fw)
                .attrs
                .protects
                .iter()
                .any(|&t| guarded.iter().any(|&c| design.covers(t, c)))
        })
        .map(|fw| {
            let attrs = &design.component(fw).attrs;
            let ports: Vec<String> = attrs.allowed_ports.iter().map(|p| p.to_string()).collect();
            let allowed = if ports.is_empty() {
                "by its rules".to_string()
            } else {
                format!("only on port {}", or(&ports))
            };
            format!(
                "The firewall {} checks the connection first and lets it in {allowed}; everything else is dropped.",
                name(design, fw)
            )
        })
        .collect()
}

/// The walk down the request path: which components it has reached, and the groups of
/// alternatives it met.
struct Walk<'a> {
    design: &'a Design,
    seen: BTreeSet<ComponentId>,
    groups: Vec<Vec<ComponentId>>,
    /// How many path branches the walk is inside.
    depth: usize,
}

/// Path branches nested deeper than this are named but not followed.
const MAX_BRANCH_DEPTH: usize = 32;

impl<'a> Walk<'a> {
    fn new(design: &'a Design) -> Self {
        Walk {
            design,
            seen: design.components_of_kind(Kind::Client).collect(),
            groups: Vec::new(),
            depth: 0,
        }
    }

    /// The steps from `start` (one of whom gets the request) onwards, as a sequence. The
    /// walk is depth-first through a stack of pending groups rather than by recursion, so a
    /// chain of thousands of components cannot overflow the stack.
    fn hop(&mut self, start: &[ComponentId], vip: Option<&'a Vip>) -> Vec<Node> {
        let mut steps = Vec::new();
        let mut pending: Vec<(Vec<ComponentId>, Option<&'a Vip>)> = vec![(start.to_vec(), vip)];
        while let Some((group, vip)) = pending.pop() {
            let next = self.step(&group, vip, &mut steps);
            pending.extend(next.into_iter().rev().map(|g| (g, None)));
        }
        steps
    }

    /// Describes one group into `steps`; returns the groups the request goes to next, in order.
    fn step(
        &mut self,
        group: &[ComponentId],
        vip: Option<&Vip>,
        steps: &mut Vec<Node>,
    ) -> Vec<Vec<ComponentId>> {
        let design = self.design;
        let group: Vec<ComponentId> = group
            .iter()
            .copied()
            .filter(|&c| self.seen.insert(c))
            .collect();
        let Some(&first) = group.first() else {
            return Vec::new();
        };
        self.groups.push(group.clone());
        let kind = design.component(first).kind;
        let out: Vec<&Link> = group.iter().flat_map(|&c| serve_links(design, c)).collect();
        let branching = out.iter().any(|l| !l.paths.is_empty());
        let text = describe(design, kind, &group, vip, branching);
        if branching {
            let mut node = Node {
                text: text.unwrap_or_else(|| {
                    format!("{} sends the request on by path:", who(design, &group))
                }),
                children: Vec::new(),
                ordered: false,
            };
            // One branch per set of paths, in the spec's order; links without paths last.
            let mut branches: Vec<(Vec<String>, Vec<ComponentId>)> = Vec::new();
            let mut seen = HashSet::new();
            for l in &out {
                match branches.iter().position(|(p, _)| *p == l.paths) {
                    Some(b) if seen.insert((b, l.to)) => branches[b].1.push(l.to),
                    Some(_) => {}
                    None => {
                        seen.insert((branches.len(), l.to));
                        branches.push((l.paths.clone(), vec![l.to]));
                    }
                }
            }
            branches.sort_by_key(|(p, _)| p.is_empty());
            for (paths, to) in branches {
                let go = if paths.is_empty() {
                    format!("Every other path goes to {}", or(&names(design, &to)))
                } else {
                    let p: Vec<String> = paths.iter().map(|p| code(p)).collect();
                    format!(
                        "{} {} to {}",
                        and(&p),
                        if p.len() == 1 { "goes" } else { "go" },
                        or(&names(design, &to))
                    )
                };
                // Each branch is a sequence of its own; nesting is bounded so that a chain
                // of path-routing components cannot exhaust the stack.
                let mut rest = if self.depth < MAX_BRANCH_DEPTH {
                    self.depth += 1;
                    let rest = self.hop(&to, None);
                    self.depth -= 1;
                    rest
                } else {
                    Vec::new()
                };
                node.children.push(match rest.len() {
                    0 => Node::leaf(format!("{go}.")),
                    1 => {
                        let only = rest.remove(0);
                        // "... go to `assets` (Amazon S3), which returns ...".
                        let text = match to.as_slice() {
                            [one] => only
                                .text
                                .strip_prefix(&format!("{} ", name(design, *one)))
                                .map(|rest| {
                                    format!(
                                        "{}, which {rest}",
                                        go.replacen(
                                            &code(&design.component(*one).id),
                                            &name(design, *one),
                                            1
                                        )
                                    )
                                }),
                            _ => None,
                        };
                        Node {
                            text: text.unwrap_or_else(|| {
                                format!("{go}: {}", lowercase_subject(&only.text))
                            }),
                            ..only
                        }
                    }
                    _ => Node {
                        text: format!("{go}:"),
                        children: rest,
                        ordered: true,
                    },
                });
            }
            steps.push(node);
            return Vec::new();
        }
        if let Some(text) = text {
            steps.push(Node::leaf(text));
        }
        // A VPN gateway lets the user into the network: there the browser looks up an internal
        // name and connects as on the internet.
        if kind == Kind::VpnGateway {
            let inside: Vec<ComponentId> = out.iter().map(|l| l.to).collect();
            steps.extend(self.inside(&out, &inside));
        }
        // The next hops, one group per kind.
        let mut next: BTreeMap<Kind, Vec<ComponentId>> = BTreeMap::new();
        for l in &out {
            if !self.seen.contains(&l.to) {
                next.entry(design.component(l.to).kind)
                    .or_default()
                    .push(l.to);
            }
        }
        next.into_values()
            .map(|mut g| {
                g.sort();
                g.dedup();
                g
            })
            .collect()
    }

    /// Inside the VPN: the internal name the browser looks up, the connection, its firewalls.
    fn inside(&self, links: &[&Link], targets: &[ComponentId]) -> Vec<Node> {
        let design = self.design;
        let Some(&link) = links.first() else {
            return Vec::new();
        };
        let addresses: Vec<String> = targets
            .iter()
            .filter_map(|&c| design.component(c).host)
            .filter_map(|h| design.host(h).ip.map(|ip| ip.to_string()))
            .collect();
        let mut steps = Vec::new();
        if let Some(r) = design.dns.iter().find(|d| addresses.contains(&d.value)) {
            let internal = if r.internal {
                " is internal, answered only inside the network; it"
            } else {
                ""
            };
            steps.push(Node::leaf(format!(
                "Inside the tunnel, the user types **{}** in a browser. The `{}` record {}{internal} {}.",
                escape(&r.fqdn),
                r.record_type,
                code(&r.name),
                answer(design, r, None)
            )));
        }
        let encrypted = links.iter().all(|l| l.encrypted);
        let text = connection(design, link, targets, None, false, encrypted);
        steps.push(Node::leaf(text.replacen(
            "It opens",
            "The browser opens",
            1,
        )));
        steps.extend(firewalls(design, targets).into_iter().map(Node::leaf));
        steps
    }
}

/// "`assets` (Amazon S3) returns ..." as it reads after "... go to `assets`: ".
fn lowercase_subject(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("Whichever") {
        return format!("whichever{rest}");
    }
    if let Some(rest) = text.strip_prefix("The ") {
        return format!("the {rest}");
    }
    text.to_string()
}

fn who(design: &Design, group: &[ComponentId]) -> String {
    match group {
        [one] => name(design, *one),
        _ => format!("Whichever of {} gets it", or(&names(design, group))),
    }
}

/// Who a group of components sends requests to, among components of `kind`.
fn successors(design: &Design, group: &[ComponentId], kind: Kind) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = group
        .iter()
        .flat_map(|&c| serve_links(design, c))
        .filter(|l| design.component(l.to).kind == kind)
        .map(|l| l.to)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether a group of load balancers is an active-passive cluster: one serves, the others
/// wait.
fn active_passive(design: &Design, group: &[ComponentId], vip: Option<&Vip>) -> bool {
    match vip {
        Some(v) => v.mode == Setup::ActivePassive,
        None => {
            group.len() > 1
                && group.iter().all(|&c| {
                    let attrs = &design.component(c).attrs;
                    attrs.setup == Some(Setup::ActivePassive) && !attrs.peers.is_empty()
                })
        }
    }
}

fn describe(
    design: &Design,
    kind: Kind,
    group: &[ComponentId],
    vip: Option<&Vip>,
    branching: bool,
) -> Option<String> {
    let first = design.component(*group.first()?);
    let subject = who(design, group);
    let text = match kind {
        Kind::LoadBalancer => {
            let mut backends: Vec<ComponentId> = group
                .iter()
                .flat_map(|&c| serve_links(design, c))
                .map(|l| l.to)
                .collect();
            backends.sort();
            backends.dedup();
            let cluster = group.len() > 1 && active_passive(design, group, vip);
            let (subject, standby) = if cluster {
                let standbys: Vec<String> = names(design, &group[1..]);
                (
                    format!("The active load balancer, {},", name(design, group[0])),
                    format!(
                        " {} {} by to take over if it fails (active-passive).",
                        or(&standbys),
                        if standbys.len() == 1 {
                            "stands"
                        } else {
                            "stand"
                        }
                    ),
                )
            } else {
                (subject, String::new())
            };
            let how = match first.attrs.algorithm {
                Some(Algorithm::RoundRobin) | None => {
                    "round robin: each new request goes to the next server in turn".to_string()
                }
                Some(a) => format!(
                    "{}: {}",
                    a.as_str(),
                    lowercase_first(a.describe().trim_end_matches('.'))
                ),
            };
            // A lone load balancer's `setup` says how the servers behind it share the work.
            let setup = match (group.len() > 1, first.attrs.setup) {
                (false, Some(Setup::ActiveActive)) => {
                    " All of them serve at the same time (active-active)."
                }
                _ => "",
            };
            let health = if first.attrs.health_check == Some(true) {
                " It checks their health and stops sending to a server that fails."
            } else {
                ""
            };
            match backends.as_slice() {
                [] => format!("{subject} receives the request.{standby}"),
                [one] => {
                    let algorithm = first.attrs.algorithm.map_or("round-robin", |a| a.as_str());
                    let health = if first.attrs.health_check == Some(true) {
                        " It checks the server's health."
                    } else {
                        ""
                    };
                    format!(
                        "{subject} passes the request to {}: with one server behind it, its {algorithm} algorithm has no choice to make.{health}{standby}",
                        code(&design.component(*one).id)
                    )
                }
                _ if group.len() == 1 && first.attrs.setup == Some(Setup::ActivePassive) => {
                    let names = names(design, &backends);
                    format!(
                        "{subject} sends every request to {} and keeps {} as a standby that it switches to if {} fails (active-passive).{health}",
                        names[0],
                        and(&names[1..]),
                        names[0]
                    )
                }
                _ if branching => format!(
                    "{subject} sends the request on by path, and picks the server by {how}.{setup}{health}{standby}"
                ),
                _ => format!(
                    "{subject} picks one of {} for the request by {how}.{setup}{health}{standby}",
                    or(&names(design, &backends))
                ),
            }
        }
        Kind::WebServer => {
            if branching {
                format!("{subject} receives the request and sends it on by path:")
            } else {
                let apps = successors(design, group, Kind::AppServer);
                let link = group
                    .iter()
                    .flat_map(|&c| serve_links(design, c))
                    .find(|l| apps.binary_search(&l.to).is_ok());
                let proxy = match (apps.is_empty(), link) {
                    (false, Some(l)) => format!(
                        " and passes the others to {} over {}, as a reverse proxy",
                        or(&names(design, &apps)),
                        protocol_phrase(l.protocol, l.port)
                    ),
                    _ => String::new(),
                };
                format!(
                    "{subject} receives the request. It answers requests for static files (images, style sheets, scripts) itself{proxy}."
                )
            }
        }
        Kind::AppServer => {
            let code_bases = successors(design, group, Kind::AppFiles);
            let dbs = successors(design, group, Kind::Database);
            let runs = if code_bases.is_empty() {
                "runs the application code,".to_string()
            } else {
                format!(
                    "runs the application code, {},",
                    or(&names(design, &code_bases))
                )
            };
            let primaries: Vec<ComponentId> = dbs
                .iter()
                .copied()
                .filter(|&d| design.component(d).attrs.role != Some(Role::Replica))
                .collect();
            let replicas = design.databases_in_role(&dbs, Role::Replica);
            let data = match (primaries.is_empty(), replicas.is_empty()) {
                (false, false) => format!(
                    " and queries the database: writes go to the primary {}, reads to the replica {}",
                    and(&names(design, &primaries)),
                    and(&names(design, &replicas))
                ),
                (false, true) => format!(
                    " and reads and writes its data in {}",
                    and(&names(design, &primaries))
                ),
                (true, false) => format!(
                    " and reads its data from {}",
                    and(&names(design, &replicas))
                ),
                (true, true) => String::new(),
            };
            format!("{subject} {runs} which builds the dynamic part of the response{data}.")
        }
        Kind::Database => database(design, group),
        Kind::Cdn => {
            let to = or(&names(
                design,
                &group
                    .iter()
                    .flat_map(|&c| serve_links(design, c))
                    .map(|l| l.to)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>(),
            ));
            if branching {
                format!(
                    "{subject} answers from the copy cached on its servers near the user when it has one; otherwise it fetches the answer from the origin, chosen by path:"
                )
            } else if to.is_empty() {
                format!("{subject} answers from the copy cached on its servers near the user.")
            } else {
                format!(
                    "{subject} answers from the copy cached on its servers near the user when it has one; otherwise it fetches the answer from {to}."
                )
            }
        }
        Kind::Cache => format!(
            "{subject} holds data the application reads often in memory, so repeated reads skip slower stores."
        ),
        Kind::Queue => {
            let consumers = consumers(design, group);
            let later = if consumers.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} do it after the response (see the last step)",
                    and(&names(design, &consumers))
                )
            };
            format!(
                "{subject} takes work that can wait, and the application answers without waiting for it{later}."
            )
        }
        Kind::Storage => format!("{subject} returns the stored file or object."),
        Kind::IdentityProvider => {
            format!("{subject} signs the user in and tells the application who they are.")
        }
        Kind::VpnGateway => format!(
            "{subject} decrypts the tunnel's traffic and passes it into the private network."
        ),
        Kind::AppFiles
        | Kind::Client
        | Kind::TlsCertificate
        | Kind::MonitoringAgent
        | Kind::MonitoringService => return None,
        other => format!(
            "{subject} handles it: {}",
            lowercase_first(other.describe())
        ),
    };
    Some(text)
}

/// The components that take work from these queues, off the request path.
fn consumers(design: &Design, queues: &[ComponentId]) -> Vec<ComponentId> {
    let mut out: Vec<ComponentId> = queues
        .iter()
        .flat_map(|&q| design.links_to(q))
        .filter(|l| l.purpose == Purpose::Background)
        .map(|l| l.from)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// How a primary confirms writes to a replica: "does not confirm a write until `r` has it too
/// (synchronous replication)".
pub fn replication_clause(mode: Replication, replicas: &str) -> String {
    match mode {
        Replication::Sync => format!(
            "does not confirm a write until {replicas} has it too (synchronous replication)"
        ),
        Replication::SemiSync => format!(
            "confirms a write once {replicas} has received it (semi-synchronous replication)"
        ),
        Replication::Async => format!(
            "copies every change to {replicas} shortly after confirming it (asynchronous replication)"
        ),
    }
}

/// A replica's settled replication mode (the model gives each pair one).
pub fn mode_of(design: &Design, replica: ComponentId) -> Replication {
    design
        .component(replica)
        .attrs
        .replication
        .unwrap_or(Replication::Async)
}

fn database(design: &Design, group: &[ComponentId]) -> String {
    let primaries: Vec<ComponentId> = group
        .iter()
        .copied()
        .filter(|&d| design.component(d).attrs.role != Some(Role::Replica))
        .collect();
    let replicas: Vec<ComponentId> = group
        .iter()
        .copied()
        .filter(|&d| design.component(d).attrs.role == Some(Role::Replica))
        .collect();
    let mut text = String::new();
    if !primaries.is_empty() {
        let primary_set: HashSet<ComponentId> = primaries.iter().copied().collect();
        // The replicas of these primaries, by replication mode.
        let mut by_mode: Vec<(Replication, Vec<ComponentId>)> = Vec::new();
        for r in design.components_of_kind(Kind::Database) {
            if design
                .component(r)
                .attrs
                .replicates_from
                .is_some_and(|p| primary_set.contains(&p))
            {
                let mode = mode_of(design, r);
                match by_mode.iter_mut().find(|(m, _)| *m == mode) {
                    Some((_, rs)) => rs.push(r),
                    None => by_mode.push((mode, vec![r])),
                }
            }
        }
        let copies: Vec<String> = by_mode
            .iter()
            .map(|(mode, rs)| replication_clause(*mode, &and(&names(design, rs))))
            .collect();
        let copies = if copies.is_empty() {
            String::new()
        } else {
            format!("; it {}", copies.join("; it "))
        };
        text.push_str(&format!(
            "{} stores the data and answers the queries sent to it{copies}.",
            and(&primaries
                .iter()
                .map(|&p| name(design, p))
                .collect::<Vec<_>>())
        ));
    }
    if !replicas.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!(
            "{} answers reads from its copy of the data.",
            and(&replicas
                .iter()
                .map(|&r| name(design, r))
                .collect::<Vec<_>>())
        ));
    }
    text
}

/// The work done away from the request: queue consumers and other background links, one
/// sentence per component they start from.
fn background(design: &Design, on_path: &BTreeSet<ComponentId>) -> Vec<String> {
    let mut from: Vec<ComponentId> = design
        .links
        .iter()
        .filter(|l| l.purpose == Purpose::Background)
        .map(|l| l.from)
        .collect();
    from.sort();
    from.dedup();
    // Consumers first: their work follows the response; backups and the rest after.
    from.sort_by_key(|&c| {
        !design
            .links_from(c)
            .any(|l| l.purpose == Purpose::Background && design.component(l.to).kind == Kind::Queue)
    });
    let mut out = Vec::new();
    for c in from {
        let links: Vec<&Link> = design
            .links_from(c)
            .filter(|l| l.purpose == Purpose::Background)
            .collect();
        let queues: Vec<ComponentId> = links
            .iter()
            .filter(|l| design.component(l.to).kind == Kind::Queue)
            .map(|l| l.to)
            .collect();
        let backups: Vec<&&Link> = links
            .iter()
            .filter(|l| design.component(l.to).kind == Kind::Backup)
            .collect();
        let others: Vec<ComponentId> = links
            .iter()
            .filter(|l| !matches!(design.component(l.to).kind, Kind::Queue | Kind::Backup))
            .map(|l| l.to)
            .collect();
        let subject = name(design, c);
        if !queues.is_empty() {
            let using = if others.is_empty() {
                String::new()
            } else {
                format!(", using {}", and(&names(design, &others)))
            };
            out.push(format!(
                "Later, each job is taken from {} and done by {subject}{using}.",
                and(&names(design, &queues)),
            ));
        } else if !others.is_empty() {
            let how: Vec<String> = links
                .iter()
                // The links to `others`: not to a queue or a backup.
                .filter(|l| !matches!(design.component(l.to).kind, Kind::Queue | Kind::Backup))
                .map(|l| {
                    format!(
                        "{} over {}{}",
                        code(&design.component(l.to).id),
                        protocol_phrase(l.protocol, l.port),
                        label(l)
                    )
                })
                .collect();
            let when = if on_path.contains(&c) {
                "Apart from requests"
            } else {
                "In the background"
            };
            out.push(format!("{when}, {subject} works with {}.", and(&how)));
        }
        for l in backups {
            out.push(format!(
                "On a schedule, {} copies its data to the backup {} over {}{}.",
                code(&design.component(c).id),
                name(design, l.to),
                protocol_phrase(l.protocol, l.port),
                label(l)
            ));
        }
    }
    out
}

/// " (nightly dump)", from a link's label.
fn label(l: &Link) -> String {
    l.label
        .as_deref()
        .map_or(String::new(), |s| format!(" ({})", escape(s)))
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
