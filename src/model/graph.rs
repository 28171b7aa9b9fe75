//! Graph queries over a design that the rules, the layout and the write-up share.

use super::{Component, ComponentId, Design, Host, HostId, Kind, Link};

/// Links by endpoint and components by host, computed once when the design is built.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    outgoing: Vec<Vec<u32>>,
    incoming: Vec<Vec<u32>>,
    on_host: Vec<Vec<ComponentId>>,
}

impl Adjacency {
    pub(super) fn new(hosts: usize, components: &[Component], links: &[Link]) -> Self {
        let mut adjacency = Adjacency {
            outgoing: vec![Vec::new(); components.len()],
            incoming: vec![Vec::new(); components.len()],
            on_host: vec![Vec::new(); hosts],
        };
        for (i, link) in links.iter().enumerate() {
            adjacency.outgoing[link.from.0 as usize].push(i as u32);
            adjacency.incoming[link.to.0 as usize].push(i as u32);
        }
        for (i, component) in components.iter().enumerate() {
            if let Some(host) = component.host {
                adjacency.on_host[host.0 as usize].push(ComponentId(i as u32));
            }
        }
        adjacency
    }
}

impl Design {
    /// Rebuilds the link and host indexes after hosts, components or links changed (the
    /// layout does so when it folds identical hosts into one).
    pub fn index(&mut self) {
        self.adjacency = Adjacency::new(self.hosts.len(), &self.components, &self.links);
    }

    pub fn component(&self, id: ComponentId) -> &Component {
        &self.components[id.0 as usize]
    }

    pub fn host(&self, id: HostId) -> &Host {
        &self.hosts[id.0 as usize]
    }

    pub fn component_ids(&self) -> impl Iterator<Item = ComponentId> + '_ {
        (0..self.components.len() as u32).map(ComponentId)
    }

    pub fn host_ids(&self) -> impl Iterator<Item = HostId> + '_ {
        (0..self.hosts.len() as u32).map(HostId)
    }

    /// The component with this id (components are sorted by id).
    pub fn find_component(&self, id: &str) -> Option<ComponentId> {
        self.components
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .map(|i| ComponentId(i as u32))
    }

    /// The host with this id (hosts are sorted by id).
    pub fn find_host(&self, id: &str) -> Option<HostId> {
        self.hosts
            .binary_search_by(|h| h.id.as_str().cmp(id))
            .ok()
            .map(|i| HostId(i as u32))
    }

    pub fn links_from(&self, id: ComponentId) -> impl Iterator<Item = &Link> + '_ {
        self.adjacency.outgoing[id.0 as usize]
            .iter()
            .map(|&i| &self.links[i as usize])
    }

    pub fn links_to(&self, id: ComponentId) -> impl Iterator<Item = &Link> + '_ {
        self.adjacency.incoming[id.0 as usize]
            .iter()
            .map(|&i| &self.links[i as usize])
    }

    /// The components that run on a host, by id.
    pub fn components_on(&self, host: HostId) -> &[ComponentId] {
        &self.adjacency.on_host[host.0 as usize]
    }

    /// The components among `ids` that are databases in `role`.
    pub fn databases_in_role(
        &self,
        ids: &[ComponentId],
        role: crate::spec::vocabulary::Role,
    ) -> Vec<ComponentId> {
        ids.iter()
            .copied()
            .filter(|&d| self.component(d).attrs.role == Some(role))
            .collect()
    }

    pub fn components_of_kind(&self, kind: Kind) -> impl Iterator<Item = ComponentId> + '_ {
        self.component_ids()
            .filter(move |&c| self.component(c).kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;

    use crate::design_of as design;

    #[test]
    fn links_and_hosts_are_indexed() {
        let d = design(
            r#"
[design]
name = "t"
[hosts.box]
[components.web]
kind = "web-server"
host = "box"
[components.db]
kind = "database"
host = "box"
[[links]]
from = "user"
to = "web"
protocol = "http"
[[links]]
from = "web"
to = "db"
protocol = "mysql"
"#,
        );
        let web = d.find_component("web").unwrap();
        let db = d.find_component("db").unwrap();
        let user = d.find_component("user").unwrap();
        assert!(d.component(user).is_implicit());
        assert_eq!(d.component(user).kind, Kind::Client);
        assert_eq!(
            d.links_from(web).map(|l| l.to).collect::<Vec<_>>(),
            vec![db]
        );
        assert_eq!(
            d.links_to(web).map(|l| l.from).collect::<Vec<_>>(),
            vec![user]
        );
        let host = d.find_host("box").unwrap();
        assert_eq!(d.components_on(host), &[db, web]);
        assert_eq!(d.links_from(web).next().unwrap().port, Some(3306));
    }
}
