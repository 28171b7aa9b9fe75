//! Phrases the flow is written with: components by name, protocols and ports, connections
//! and the firewalls they pass.

use super::*;

/// `nginx-1` (Nginx).
pub fn name(design: &Design, c: ComponentId) -> String {
    let component = design.component(c);
    match &component.software {
        Some(s) => format!("{} ({})", code(&component.id), escape(s)),
        None => code(&component.id),
    }
}

pub(super) fn names(design: &Design, ids: &[ComponentId]) -> Vec<String> {
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

/// How the browser (or VPN client) reaches the entry.
pub(super) fn connection(
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
pub(super) fn firewalls(design: &Design, guarded: &[ComponentId]) -> Vec<String> {
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

/// "`assets` (Amazon S3) returns ..." as it reads after "... go to `assets`: ".
pub(super) fn lowercase_subject(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("Whichever") {
        return format!("whichever{rest}");
    }
    if let Some(rest) = text.strip_prefix("The ") {
        return format!("the {rest}");
    }
    text.to_string()
}
