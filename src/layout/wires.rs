//! What to draw between components: links with their labels and styles, and the dashed
//! associations (a certificate on what presents it, a firewall before what it guards).

use std::collections::BTreeMap;

use crate::model::{Design, Kind, Link};
use crate::spec::vocabulary::{Protocol, Purpose, Setup, Vocabulary};

use super::build::*;
use super::geometry::Axes;
use super::lookup::{Lookup, looked_up};
use super::route::{Route, Wire};
use super::text;
use super::{Edge, EdgeStyle, Text};

/// The order the `n` nodes are met in from the clients, following links; then the rest by
/// index.
pub(super) fn discovery_order(design: &Design, n: usize, wires: &[Wire]) -> Vec<usize> {
    let mut next = vec![Vec::new(); n];
    for w in wires {
        next[w.from].push(w.to);
    }
    let mut order = vec![usize::MAX; n];
    let mut count = 0;
    let mut queue: std::collections::VecDeque<usize> = design
        .components_of_kind(Kind::Client)
        .map(|c| c.0 as usize)
        .collect();
    let starts: Vec<usize> = (0..n).collect();
    for start in std::iter::once(None).chain(starts.into_iter().map(Some)) {
        if let Some(s) = start {
            if order[s] != usize::MAX {
                continue;
            }
            queue.push_back(s);
        }
        while let Some(c) = queue.pop_front() {
            if order[c] != usize::MAX {
                continue;
            }
            order[c] = count;
            count += 1;
            queue.extend(next[c].iter().copied().filter(|&t| order[t] == usize::MAX));
        }
    }
    order
}

/// Links that go down into the same target in the same style under the same label (two
/// application servers' "postgresql :5432" into one database) meet before it: they share a
/// group, so they enter at one port, and only the first keeps the label's size. Links that go
/// back or stay in their layer keep their own ports and labels.
pub(super) fn join_ends(
    wires: &mut [Wire],
    info: &[(String, EdgeStyle, Option<String>)],
    layer: &[usize],
) {
    let mut groups: BTreeMap<(usize, EdgeStyle, &str), Vec<usize>> = BTreeMap::new();
    for (i, (w, (_, style, label))) in wires.iter().zip(info).enumerate() {
        if let Some(label) = label.as_deref()
            && !w.side
            && layer[w.from] < layer[w.to]
        {
            groups.entry((w.to, *style, label)).or_default().push(i);
        }
    }
    for members in groups.into_values().filter(|m| m.len() > 1) {
        for &i in &members {
            wires[i].group = Some(members[0]);
            if i != members[0] {
                wires[i].label = (0.0, 0.0);
            }
        }
    }
}

/// The routed wires in the picture's coordinates, with their ids, styles and labels.
pub(super) fn edges(
    routes: &[Route],
    info: &[(String, EdgeStyle, Option<String>)],
    axes: Axes,
) -> Vec<Edge> {
    routes
        .iter()
        .zip(info)
        .map(|(r, (dom_id, style, label))| Edge {
            dom_id: dom_id.clone(),
            style: *style,
            points: r
                .points
                .iter()
                .map(|&(pu, pv)| axes.point(pu, pv))
                .collect(),
            label: r
                .label
                .zip(label.as_ref())
                .map(|((lu, lv, du, dv), text)| Text {
                    text: text.clone(),
                    rect: axes.rect(lu, lv, du, dv),
                }),
        })
        .collect()
}

/// A node's id as the spec writes it: a component's, then a virtual IP's; `dns` for the DNS
/// box after them.
pub(super) fn node_id(design: &Design, node: usize) -> &str {
    let n = design.components.len();
    if node < n {
        &design.components[node].id
    } else {
        design.vips.get(node - n).map_or("dns", |v| v.id.as_str())
    }
}

/// The style a link is drawn in: its purpose first (operators' access and background work
/// never look like the users' request path), then what it carries; files read on the same
/// host never cross a network.
fn link_style(design: &Design, link: &Link) -> EdgeStyle {
    let same_host = design.component(link.from).host.is_some()
        && design.component(link.from).host == design.component(link.to).host;
    match link.purpose {
        Purpose::Admin => EdgeStyle::Admin,
        Purpose::Background => EdgeStyle::Background,
        Purpose::Serve if link.protocol == Protocol::File && same_host => EdgeStyle::Local,
        Purpose::Serve if link.protocol == Protocol::Replication => EdgeStyle::Replication,
        Purpose::Serve if link.encrypted => EdgeStyle::Encrypted,
        Purpose::Serve => EdgeStyle::Plain,
    }
}

/// "https :443", the link's own label, or the protocol; then the paths it carries.
fn link_label(link: &Link) -> String {
    let mut label = match (&link.label, link.port) {
        (Some(l), _) => l.clone(),
        (None, Some(port)) if link.protocol != Protocol::Replication => {
            format!("{} :{port}", link.protocol)
        }
        (None, _) => link.protocol.as_str().to_string(),
    };
    if !link.paths.is_empty() {
        label.push_str(&format!(" · {}", link.paths.join(", ")));
    }
    text::clip(&label, MAX_CHARS)
}

/// The links and associations to draw, with their stable ids, styles and labels. Node
/// indices are components', then virtual IPs' (`components.len() + vip`): a link written to
/// a virtual IP is drawn once to it, and the virtual IP has one edge to each holder. With a
/// lookup, each client that asks first has an edge to the DNS box, numbered 1, and its
/// requests that follow are numbered 2.
#[allow(clippy::type_complexity)]
pub(super) fn wires(
    design: &Design,
    lookup: Option<&Lookup<'_>>,
    axes: Axes,
) -> (Vec<Wire>, Vec<(String, EdgeStyle, Option<String>)>) {
    let n = design.components.len();
    let mut wires = Vec::new();
    let mut info = Vec::new();
    // Numbered by the ids they join, so two nodes that share an id (a component called `dns`
    // and the DNS box) still give distinct edge ids.
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut push = |from: usize, to: usize, style: EdgeStyle, label: Option<String>| {
        let ends = (node_id(design, from), node_id(design, to));
        let k = seen.entry(ends).or_insert(0);
        *k += 1;
        let dom_id = format!("link-{}-{}-{}", ends.0, ends.1, k);
        let size = label.as_ref().map_or((0.0, 0.0), |l| {
            let s = axes.size(text::width(l, text::LABEL, false) + 6.0, LABEL_H);
            (s.u, s.v)
        });
        wires.push(Wire {
            from,
            to,
            label: size,
            side: style == EdgeStyle::Lookup && lookup.is_some_and(|l| l.beside.is_some()),
            group: None,
        });
        info.push((dom_id, style, label));
    };
    if let Some(lookup) = lookup {
        for &(client, record) in &lookup.clients {
            let question = Lookup::question(record);
            push(
                client.0 as usize,
                lookup.node,
                EdgeStyle::Lookup,
                Some(question),
            );
        }
    }
    // Each (source, virtual IP) pair is drawn once, and each virtual IP's holders once.
    let mut into_vip: Vec<(usize, usize)> = Vec::new();
    let mut vip_style: Vec<Option<EdgeStyle>> = vec![None; design.vips.len()];
    for link in &design.links {
        let style = link_style(design, link);
        // Operators' access fans out to every machine: its style (and the legend) says what
        // it is, so only a label the spec writes is drawn, not "ssh :22" at every machine.
        if link.purpose == Purpose::Admin && link.label.is_none() {
            push(link.from.0 as usize, link.to.0 as usize, style, None);
            continue;
        }
        let mut label = link_label(link);
        let from = link.from.0 as usize;
        let to = match link.via {
            Some(v) => n + v.0 as usize,
            None => link.to.0 as usize,
        };
        if let Some(v) = link.via {
            if into_vip.contains(&(from, to)) {
                continue;
            }
            into_vip.push((from, to));
            vip_style[v.0 as usize].get_or_insert(style);
        }
        // The lookup before a client's request: drawn as the DNS box, or, when the design
        // draws its own DNS component, written after the request's label.
        if let Some(d) = looked_up(design, link) {
            if lookup.is_some() {
                label = text::clip(&format!("2 · {label}"), MAX_CHARS);
            } else {
                label.push_str(&format!(
                    " · {} {} {}",
                    text::clip(&d.name, 24),
                    d.record_type,
                    text::clip(&d.value, 24)
                ));
            }
        }
        push(from, to, style, Some(label));
    }
    for (v, vip) in design.vips.iter().enumerate() {
        let Some(style) = vip_style[v] else { continue };
        for (k, holder) in vip.held_by.iter().enumerate() {
            let (style, label) = match vip.mode {
                Setup::ActivePassive if k > 0 => (EdgeStyle::Standby, "standby"),
                _ => (style, "active"),
            };
            push(n + v, holder.0 as usize, style, Some(label.to_string()));
        }
    }
    for c in design.component_ids() {
        let component = design.component(c);
        let style = match component.kind {
            Kind::MonitoringAgent => EdgeStyle::Reports,
            _ => EdgeStyle::Association,
        };
        let targets: Vec<usize> = match component.kind {
            Kind::TlsCertificate => component
                .attrs
                .installed_on
                .iter()
                .map(|t| t.0 as usize)
                .collect(),
            Kind::Firewall => component
                .attrs
                .protects
                .iter()
                .filter_map(|t| match *t {
                    crate::model::Target::Component(x) => Some(x.0 as usize),
                    // The firewall stands before the host's entry: the component that traffic
                    // from other hosts reaches first.
                    crate::model::Target::Host(h)
                        if component.host != Some(h)
                            && super::hubs::folding_firewall(design, *t) != Some(&component.id) =>
                    {
                        design
                            .components_on(h)
                            .iter()
                            .filter(|&&x| {
                                let kind = design.component(x).kind;
                                crate::analysis::on_request_path(kind) && kind != Kind::Firewall
                            })
                            .min_by_key(|&&x| {
                                let needed =
                                    crate::analysis::NEEDED.contains(&design.component(x).kind);
                                let from_outside = design
                                    .links_to(x)
                                    .any(|l| design.component(l.from).host != Some(h));
                                (!needed, !from_outside)
                            })
                            .map(|x| x.0 as usize)
                    }
                    // A firewall at a network's boundary is drawn by the zone's frame.
                    crate::model::Target::Host(_) | crate::model::Target::Zone(_) => None,
                })
                .collect(),
            Kind::MonitoringAgent => match component.attrs.sends_to {
                Some(s) if !design.links_from(c).any(|l| l.to == s) => vec![s.0 as usize],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        for t in targets {
            if t != c.0 as usize {
                push(c.0 as usize, t, style, None);
            }
        }
    }
    (wires, info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(from: usize, to: usize) -> Wire {
        Wire::new(from, to, (10.0, 80.0))
    }

    #[test]
    fn links_down_into_one_target_under_one_label_share_a_port() {
        // 0 and 1 above 3 both say "sql"; 2 says it too but from below; 4 says "redis".
        let mut wires = vec![wire(0, 3), wire(1, 3), wire(2, 3), wire(4, 3), wire(0, 5)];
        let info: Vec<(String, EdgeStyle, Option<String>)> = [
            (EdgeStyle::Plain, "sql"),
            (EdgeStyle::Plain, "sql"),
            (EdgeStyle::Plain, "sql"),
            (EdgeStyle::Plain, "redis"),
            (EdgeStyle::Plain, "sql"),
        ]
        .iter()
        .map(|&(style, label)| (String::new(), style, Some(label.to_string())))
        .collect();
        let layer = [0, 0, 2, 1, 0, 1];
        join_ends(&mut wires, &info, &layer);
        let groups: Vec<Option<usize>> = wires.iter().map(|w| w.group).collect();
        assert_eq!(groups, [Some(0), Some(0), None, None, None]);
        let labelled: Vec<bool> = wires.iter().map(|w| w.label.1 > 0.0).collect();
        assert_eq!(labelled, [true, false, true, true, true]);
    }

    #[test]
    fn links_in_different_styles_keep_their_own_ports() {
        let mut wires = vec![wire(0, 2), wire(1, 2)];
        let info = vec![
            (String::new(), EdgeStyle::Plain, Some("sql".to_string())),
            (
                String::new(),
                EdgeStyle::Background,
                Some("sql".to_string()),
            ),
        ];
        join_ends(&mut wires, &info, &[0, 0, 1]);
        assert!(wires.iter().all(|w| w.group.is_none() && w.label.1 > 0.0));
    }
}
