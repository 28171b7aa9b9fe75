//! The firewalls and HTTPS: what each firewall lets through, and where traffic is encrypted.

use super::*;

fn target_name(d: &Design, t: Target) -> String {
    match t {
        Target::Host(h) => code(&d.host(h).id),
        Target::Component(c) => code(&d.component(c).id),
        Target::Zone(z) => code(&d.zone(z).id),
    }
}

fn ports(list: &[u16]) -> String {
    let words: Vec<String> = list.iter().map(u16::to_string).collect();
    match words.len() {
        0 => "no port".into(),
        1 => format!("port {}", words[0]),
        _ => format!("ports {}", and(&words)),
    }
}

pub(super) fn firewall(d: &Design) -> String {
    let mut text = "A firewall filters network traffic: it lets through only the sources and \
        ports its rules allow and drops everything else, so a service that was never meant for \
        the internet, such as a database port, cannot be reached from it."
        .to_string();
    let fws = of_kind(d, Kind::Firewall);
    if fws.is_empty() {
        text.push_str(" This design has no firewall: every port its servers open is reachable.");
        return text;
    }
    text.push_str(&format!(
        " This design has {}:\n",
        number(fws.len(), "firewall", "firewalls")
    ));
    for fw in fws {
        let c = d.component(fw);
        let guards: Vec<String> = c
            .attrs
            .protects
            .iter()
            .map(|&t| target_name(d, t))
            .collect();
        let mut line = format!(
            "\n- {} guards {} and opens {} only",
            flow::name(d, fw),
            and(&guards),
            ports(&c.attrs.allowed_ports)
        );
        if let Some(why) = &c.why {
            line.push_str(&format!(", which {}", clause(why)));
        }
        line.push('.');
        text.push_str(&line);
    }
    text
}

pub(super) fn https(d: &Design) -> String {
    let mut text = "HTTPS is HTTP inside TLS. It encrypts the traffic, so nobody on the way \
        (public Wi-Fi, an internet provider) can read passwords and cookies or change the pages, \
        and the site's certificate proves to the browser that it reached the real site; \
        browsers mark plain HTTP sites \"Not secure\"."
        .to_string();
    let certs = of_kind(d, Kind::TlsCertificate);
    let entry = d
        .links
        .iter()
        .find(|l| l.serves() && d.component(l.from).kind == Kind::Client);
    let https_entry = entry.is_some_and(|l| l.protocol.is_encrypted() || l.encrypted);
    if !https_entry || certs.is_empty() {
        text.push_str(" This design serves plain HTTP: users' traffic is not encrypted.");
        return text;
    }
    for cert in certs {
        let c = d.component(cert);
        let issuer = c
            .attrs
            .issuer
            .as_ref()
            .map(|i| format!(", issued by {},", escape(i)))
            .unwrap_or_default();
        text.push_str(&format!(
            " Here the browser connects over {} to {}, which present{} the certificate {}{issuer} for {}.",
            entry.map_or_else(String::new, |l| protocol_phrase(l.protocol, l.port)),
            ids(d, &c.attrs.installed_on),
            if c.attrs.installed_on.len() == 1 { "s" } else { "" },
            code(&c.id),
            and(&c.attrs.domains.iter().map(|s| escape(s)).collect::<Vec<_>>())
        ));
        let plain: Vec<String> = c
            .attrs
            .installed_on
            .iter()
            .flat_map(|&t| d.links_from(t))
            .filter(|l| l.serves() && !l.protocol.is_encrypted() && !l.encrypted)
            .map(|l| code(&d.component(l.to).id))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !plain.is_empty() {
            text.push_str(&format!(
                " TLS ends there: the requests go on to {} unencrypted, inside the private network.",
                and(&plain)
            ));
        }
    }
    text
}
