//! Reads `[vips.<id>]` tables: virtual IP addresses that move between load balancers.

use crate::diagnostic::{Code, Spanned};

use super::components::entries;
use super::fields;
use super::reader::TableReader;
use super::tree::VipSpec;
use super::vocabulary::Setup;

/// The virtual IPs that could be read, and the ids of those that could not.
pub fn read_vips(r: &mut TableReader<'_, '_>) -> (Vec<VipSpec>, Vec<String>) {
    let (entries, mut broken) = entries(r, "vips");
    let mut vips = Vec::new();
    for (id, table, span) in entries {
        let what = format!("virtual IP `{}`", id.value);
        let mut v = TableReader::new(table, span, what, fields::VIP, None, r.diagnostics);
        let ip = if v.expect("ip") { v.text("ip") } else { None };
        let ip = ip.and_then(|ip| match ip.value.parse() {
            Ok(addr) => Some(Spanned::new(addr, ip.span)),
            Err(_) => {
                let message = format!("`{}` is not an IP address", ip.value);
                v.invalid(
                    Code::InvalidValue,
                    ip.span,
                    message,
                    "write an IPv4 address such as 8.8.8.8 or an IPv6 address such as 2001:db8::8",
                );
                None
            }
        });
        let held_by = if v.expect("held_by") {
            v.ids("held_by")
        } else {
            Vec::new()
        };
        let mode = v
            .word::<Setup>("mode")
            .map_or(Setup::ActivePassive, |w| w.value);
        let software = v.text("software").map(|t| t.value);
        let why = v.text("why").map(|t| t.value);
        let notes = v.text("notes").map(|t| t.value);
        match ip {
            Some(ip) if !held_by.is_empty() => vips.push(VipSpec {
                id,
                ip,
                held_by,
                mode,
                software,
                why,
                notes,
                span,
            }),
            _ => broken.push(id.value),
        }
    }
    (vips, broken)
}
