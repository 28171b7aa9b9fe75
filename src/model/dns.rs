//! DNS queries over a design: where a record leads, the name users type, and the record a
//! client looks up before it connects.

use super::{ComponentId, Design, DnsRecord, HostId, Kind, Link};
use crate::spec::vocabulary::{DnsType, Protocol};

impl Design {
    /// The name users reach the site by: the first DNS name served over HTTP(S) (see
    /// [`Design::served_over_http`]), else the first DNS record's, else the domain, else the
    /// design's name. Never free text, so messages can quote it as it is.
    pub fn site(&self) -> String {
        self.site_record()
            .map(|d| d.fqdn.clone())
            .or_else(|| self.domain.clone())
            .unwrap_or_else(|| self.name.clone())
    }

    /// The record whose name [`Design::site`] gives, if the design has DNS records.
    pub fn site_record(&self) -> Option<&DnsRecord> {
        self.dns
            .iter()
            .find(|d| self.served_over_http(d))
            .or_else(|| self.dns.first())
    }

    /// The DNS record looked up before `link` is followed: an address record (A or AAAA)
    /// whose value is the virtual IP the link was written to, else the address of the target's
    /// host. A target with no address of its own (a managed CDN, a cloud load balancer) is
    /// reached by the name users type: the site's record, when it is a CNAME or an alias.
    ///
    /// A record answered only inside the network counts when the address is private (who
    /// connects to it is inside) or the one who follows the link also has a VPN tunnel; a
    /// record answered everywhere is preferred.
    pub fn looked_up(&self, link: &Link) -> Option<&DnsRecord> {
        let address = match link.via {
            Some(v) => Some(self.vips[v.0 as usize].ip),
            None => self.component(link.to).host.and_then(|h| self.host(h).ip),
        };
        // Asked only for an internal record that names no private address.
        let tunnel = || {
            self.links_from(link.from)
                .any(|l| self.component(l.to).kind == Kind::VpnGateway)
        };
        let answered = |d: &&DnsRecord, private: bool| !d.internal || private || tunnel();
        let Some(address) = address else {
            return self
                .site_record()
                .filter(|d| matches!(d.record_type, DnsType::Cname | DnsType::Alias))
                .filter(|d| answered(d, false));
        };
        let private = is_private(address);
        let by_address = || {
            self.dns.iter().filter(|d| {
                matches!(d.record_type, DnsType::A | DnsType::Aaaa)
                    && d.value.parse::<std::net::IpAddr>() == Ok(address)
            })
        };
        by_address()
            .find(|d| !d.internal)
            .or_else(|| by_address().find(|d| answered(d, private)))
    }

    /// The components an address record leads to: those on the host with its address, or the
    /// holders of the virtual IP it names. Empty for other records and unknown addresses.
    pub fn record_targets(&self, record: &DnsRecord) -> Vec<ComponentId> {
        if !matches!(record.record_type, DnsType::A | DnsType::Aaaa) {
            return Vec::new();
        }
        let Ok(address) = record.value.parse::<std::net::IpAddr>() else {
            return Vec::new();
        };
        let mut out: Vec<ComponentId> = self
            .hosts
            .iter()
            .enumerate()
            .filter(|(_, h)| h.ip == Some(address))
            .flat_map(|(i, _)| self.components_on(HostId(i as u32)).iter().copied())
            .collect();
        for vip in self.vips.iter().filter(|v| v.ip == address) {
            out.extend(vip.held_by.iter().copied());
        }
        out
    }

    /// Whether users reach this name over HTTP or HTTPS: an address, alias or CNAME record
    /// whose components take a `serve` link over HTTP(S), or that leads outside the design
    /// (a CDN's or a load balancer's name), where that cannot be told.
    pub fn served_over_http(&self, record: &DnsRecord) -> bool {
        if !matches!(
            record.record_type,
            DnsType::A | DnsType::Aaaa | DnsType::Cname | DnsType::Alias
        ) {
            return false;
        }
        let targets = self.record_targets(record);
        targets.is_empty()
            || targets.iter().any(|&c| {
                self.links_to(c)
                    .any(|l| l.serves() && matches!(l.protocol, Protocol::Http | Protocol::Https))
            })
    }
}

/// Whether an address is reachable only inside a network: RFC 1918 and shared (carrier-grade
/// NAT) IPv4, unique-local IPv6, loopback and link-local.
fn is_private(address: std::net::IpAddr) -> bool {
    match address {
        std::net::IpAddr::V4(a) => {
            let [first, second, ..] = a.octets();
            a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || (first == 100 && (64..128).contains(&second))
        }
        std::net::IpAddr::V6(a) => {
            a.is_loopback() || a.is_unique_local() || a.is_unicast_link_local()
        }
    }
}

#[cfg(test)]
mod tests {

    use crate::design_of as design;

    /// The record looked up before each of the `user`'s links, by target.
    fn looked_up(d: &crate::model::Design) -> Vec<(String, Option<String>)> {
        let user = d.find_component("user").unwrap();
        d.links_from(user)
            .map(|l| {
                let target = match l.via {
                    Some(v) => d.vips[v.0 as usize].id.clone(),
                    None => d.component(l.to).id.clone(),
                };
                (target, d.looked_up(l).map(|r| r.fqdn.clone()))
            })
            .collect()
    }

    const WEB: &str = r#"
[design]
name = "t"
domain = "foobar.com"
[[dns]]
name = "www"
type = "A"
value = "8.8.8.8"
[hosts.box]
ip = "8.8.8.8"
[hosts.other]
ip = "8.8.4.4"
[components.web]
kind = "web-server"
host = "box"
[components.api]
kind = "app-server"
host = "other"
[[links]]
from = "user"
to = ["web", "api"]
protocol = "http"
"#;

    #[test]
    fn the_record_looked_up_is_the_one_naming_the_targets_address() {
        let d = design(WEB);
        assert_eq!(
            looked_up(&d),
            [
                ("web".to_string(), Some("www.foobar.com".to_string())),
                ("api".to_string(), None)
            ]
        );
        // A record answered everywhere wins over an internal one for the same address, even
        // written after it.
        let inside =
            "[[dns]]\nname = \"inside\"\ntype = \"A\"\nvalue = \"8.8.8.8\"\ninternal = true\n";
        let both = WEB.replace("[[dns]]\n", &format!("{inside}[[dns]]\n"));
        assert_eq!(
            looked_up(&design(&both))[0].1.as_deref(),
            Some("www.foobar.com")
        );
    }

    #[test]
    fn an_internal_record_counts_for_a_private_address_or_through_a_tunnel() {
        let private = WEB.replace("8.8.8.8", "10.0.0.5").replace(
            "value = \"10.0.0.5\"",
            "value = \"10.0.0.5\"\ninternal = true",
        );
        assert_eq!(
            looked_up(&design(&private))[0].1.as_deref(),
            Some("www.foobar.com")
        );
        let public = WEB.replace(
            "value = \"8.8.8.8\"",
            "value = \"8.8.8.8\"\ninternal = true",
        );
        assert_eq!(looked_up(&design(&public))[0].1, None);
        let tunnel = format!(
            "{public}[hosts.gw]\nip = \"1.2.3.4\"\n[components.vpn]\nkind = \"vpn-gateway\"\nhost = \"gw\"\n[[links]]\nfrom = \"user\"\nto = \"vpn\"\nprotocol = \"udp\"\nport = 51820\n"
        );
        assert_eq!(
            looked_up(&design(&tunnel))[0].1.as_deref(),
            Some("www.foobar.com")
        );
    }

    #[test]
    fn a_link_to_a_virtual_ip_looks_up_its_address() {
        let d = design(
            r#"
[design]
name = "t"
domain = "foobar.com"
[[dns]]
name = "lb"
type = "A"
value = "8.8.8.10"
[[dns]]
name = "www"
type = "A"
value = "8.8.8.8"
[hosts.lb-1]
ip = "8.8.8.10"
[hosts.lb-2]
ip = "8.8.8.11"
[components.lb-a]
kind = "load-balancer"
host = "lb-1"
[components.lb-b]
kind = "load-balancer"
host = "lb-2"
[vips.vip-www]
ip = "8.8.8.8"
held_by = ["lb-a", "lb-b"]
[[links]]
from = "user"
to = "vip-www"
protocol = "http"
"#,
        );
        // Not the record of the first holder's own address.
        assert!(
            looked_up(&d)
                .iter()
                .all(|(_, r)| r.as_deref() == Some("www.foobar.com"))
        );
    }

    #[test]
    fn a_target_without_an_address_is_reached_by_the_sites_alias() {
        let cdn = r#"
[design]
name = "t"
domain = "shop.example.com"
[[dns]]
name = "@"
type = "ALIAS"
value = "d1.cloudfront.net"
[components.cdn]
kind = "cdn"
managed = true
[[links]]
from = "user"
to = "cdn"
protocol = "https"
"#;
        assert_eq!(
            looked_up(&design(cdn))[0].1.as_deref(),
            Some("shop.example.com")
        );
        // An address record for some other machine says nothing about the CDN.
        let other = cdn
            .replace("\"ALIAS\"", "\"A\"")
            .replace("d1.cloudfront.net", "1.2.3.4");
        assert_eq!(looked_up(&design(&other))[0].1, None);
    }
}
