//! Reads `[[dns]]` records and checks each value against its record type.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::diagnostic::{Code, Diagnostic, Spanned};

use super::fields;
use super::reader::TableReader;
use super::tree::DnsRecordSpec;
use super::values;
use super::vocabulary::DnsType;

pub fn read_records(
    r: &mut TableReader<'_, '_>,
    domain: Option<&Spanned<String>>,
) -> Vec<DnsRecordSpec> {
    let tables = r.tables("dns");
    let mut records = Vec::new();
    for (number, (table, span)) in tables.into_iter().enumerate() {
        let what = format!("DNS record #{}", number + 1);
        let mut d = TableReader::new(table, span, what, fields::DNS, None, r.diagnostics);
        let name = if d.expect("name") {
            d.text("name")
        } else {
            None
        };
        let record_type = if d.expect("type") {
            d.word::<DnsType>("type")
        } else {
            None
        };
        let value = if d.expect("value") {
            d.text("value")
        } else {
            None
        };
        let ttl = d.integer_in(
            "ttl",
            0,
            i64::from(i32::MAX),
            "a number of seconds from 0 to 2147483647",
        );
        let internal = d.bool("internal").unwrap_or(false);
        let notes = d.text("notes").map(|t| t.value);
        let allow = super::parse::read_allows(&mut d);
        let (Some(name), Some(record_type), Some(value)) = (name, record_type, value) else {
            continue;
        };
        let record = DnsRecordSpec {
            name,
            record_type,
            value,
            ttl: ttl.map(|t| t as u32),
            internal,
            notes,
            allow,
            span,
        };
        if check_record(&mut d, &record, domain) {
            records.push(record);
        }
    }
    if let (Some(first), None) = (records.first(), domain) {
        let diagnostic =
            Diagnostic::error(Code::MissingDomain, "DNS records need the design's domain")
                .at(first.span, "this record's name is relative to the domain")
                .help("add `domain = \"foobar.com\"` to [design]");
        r.report(diagnostic);
    }
    records
}

/// Whether the record is sound; reports what is not.
fn check_record(
    d: &mut TableReader<'_, '_>,
    record: &DnsRecordSpec,
    domain: Option<&Spanned<String>>,
) -> bool {
    let name = record.name.value.as_str();
    let value = record.value.value.as_str();
    let at_apex = name == "@" || domain.is_some_and(|dom| name.trim_end_matches('.') == dom.value);
    if !at_apex && let Err(why) = values::check_domain(name) {
        let message = format!("`{name}` is not a DNS name");
        d.invalid(
            Code::InvalidValue,
            record.name.span,
            message,
            format!("{why}; use `@` for the domain itself"),
        );
        return false;
    }
    let mismatch = |message: String, help: String| {
        Diagnostic::error(Code::DnsValueMismatch, message)
            .at(record.value.span, "does not fit the record type")
            .also(record.record_type.span, "record type")
            .help(help)
    };
    let problem = match record.record_type.value {
        DnsType::A if value.parse::<Ipv4Addr>().is_err() => Some(mismatch(
            format!("A record `{name}` needs an IPv4 address, not `{value}`"),
            if value.parse::<Ipv6Addr>().is_ok() {
                "an IPv6 address belongs in an AAAA record: `type = \"AAAA\"`".into()
            } else {
                format!("to make `{name}` an alias of another name, use `type = \"CNAME\"`")
            },
        )),
        DnsType::Aaaa if value.parse::<Ipv6Addr>().is_err() => Some(mismatch(
            format!("AAAA record `{name}` needs an IPv6 address, not `{value}`"),
            if value.parse::<Ipv4Addr>().is_ok() {
                "an IPv4 address belongs in an A record: `type = \"A\"`".into()
            } else {
                format!("to make `{name}` an alias of another name, use `type = \"CNAME\"`")
            },
        )),
        DnsType::Cname if value.parse::<IpAddr>().is_ok() => Some(mismatch(
            format!(
                "CNAME record `{name}` points at an IP address; a CNAME names another host name"
            ),
            format!("to point `{name}` at {value}, use an A record: `type = \"A\"`"),
        )),
        DnsType::Alias if value.parse::<IpAddr>().is_ok() => Some(mismatch(
            format!(
                "ALIAS record `{name}` points at an IP address; an ALIAS names another host name"
            ),
            format!("to point `{name}` at {value}, use an A record: `type = \"A\"`"),
        )),
        DnsType::Cname | DnsType::Alias | DnsType::Mx | DnsType::Ns => {
            values::check_domain(value).err().map(|why| {
                mismatch(
                    format!(
                        "{} record `{name}` must point at a host name, not `{value}`",
                        record.record_type.value
                    ),
                    why.to_string(),
                )
            })
        }
        _ => None,
    };
    if let Some(problem) = problem {
        d.report(problem);
        return false;
    }
    if at_apex && record.record_type.value == DnsType::Cname {
        let apex = domain.map_or("the domain".to_string(), |dom| format!("`{}`", dom.value));
        let diagnostic = Diagnostic::error(Code::CnameAtApex, format!("a CNAME record cannot sit at the zone apex ({apex})"))
            .at(record.name.span, "this is the apex")
            .also(record.record_type.span, "CNAME")
            .help("the apex also holds the zone's SOA and NS records, which a CNAME may not sit beside; use an A/AAAA record (or the provider's ALIAS record)");
        d.report(diagnostic);
        return false;
    }
    true
}
