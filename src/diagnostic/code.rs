//! The stable codes of spec errors and the explanation `infradoc explain CODE` prints.

/// Declares the codes once, with their kebab-case name and explanation, in one ordered table.
macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $explain:literal;)*) => {
        /// A stable code for one class of spec error. Codes are never reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed, e.g. `E005`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// A short kebab-case name, e.g. `unknown-key`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            /// What the error means and how to fix it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explain),* }
            }

            /// Looks a code up by its code (`E005`, any case) or its name (`unknown-key`).
            pub fn find(text: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| {
                    c.as_str().eq_ignore_ascii_case(text) || c.name() == text
                })
            }
        }
    };
}

codes! {
    CannotRead = "E001", "cannot-read",
        "The spec file could not be read: it does not exist, is a directory, or is not readable. \
         Check the path; paths are relative to the current directory.";
    NotUtf8 = "E002", "not-utf8",
        "A spec must be UTF-8 text. The error points at the first byte that is not valid UTF-8; \
         re-save the file as UTF-8.";
    EmptySpec = "E003", "empty-spec",
        "The spec file holds no TOML at all. A spec needs at least a [design] table with a name.";
    TomlSyntax = "E004", "toml-syntax",
        "The file is not valid TOML. The message says what the TOML parser expected at that point.";
    UnknownKey = "E005", "unknown-key",
        "A key that infradoc does not know. It is usually a typo: the help line suggests the \
         closest known key. docs/spec.md lists every key of every table.";
    WrongType = "E006", "wrong-type",
        "A value of the wrong TOML type, such as a string where a number is expected \
         (`port = \"80\"` instead of `port = 80`).";
    MissingField = "E007", "missing-field",
        "A required key is missing: [design] needs `name`, every component needs `kind`, every \
         link needs `from`, `to` and `protocol`, every [[dns]] record needs `name`, `type` and \
         `value`, every `allow` entry needs `rule` and `reason`.";
    UnknownValue = "E008", "unknown-value",
        "A value outside its vocabulary: a component kind, link protocol, DNS record type, \
         load-balancing algorithm and so on. `infradoc kinds` lists the component kinds; \
         docs/spec.md lists every vocabulary.";
    InvalidValue = "E009", "invalid-value",
        "A value of the right type that is still not valid: an IP address that does not parse, \
         an id with characters other than letters, digits, `-`, `_` and `.`, a count of 0, an \
         availability outside (0, 1], a date that is not YYYY-MM-DD, an empty reason.";
    FieldNotForKind = "E010", "field-not-for-kind",
        "A key that belongs to another kind of component, such as `algorithm` on a database. \
         The help line names the kinds the key applies to.";
    DuplicateId = "E011", "duplicate-id",
        "Hosts and components share one namespace: links, firewalls and certificates refer to \
         them by id, so each id may be used once.";
    UnknownReference = "E012", "unknown-reference",
        "A link end, `replicates_from`, `peers`, `sends_to`, `installed_on` or `protects` names an \
         id that no component (or host, where hosts are allowed) has.";
    UnknownHost = "E013", "unknown-host",
        "A component's `host` names a host that is not declared under [hosts].";
    SelfLink = "E014", "self-link",
        "A link from a component to itself says nothing about the design; remove it or point it \
         at the component it was meant for.";
    DnsValueMismatch = "E015", "dns-value-mismatch",
        "A DNS record whose value does not fit its type: an A record needs an IPv4 address, an \
         AAAA record an IPv6 address, and a CNAME record a host name, never an IP address.";
    CnameAtApex = "E016", "cname-at-apex",
        "A CNAME record cannot sit at the zone apex (`@`, the bare domain): the apex must hold \
         SOA and NS records, and a CNAME may not coexist with other records (RFC 1034 section \
         3.6.2). Use an A/AAAA record, or your DNS provider's ALIAS/ANAME record.";
    PortOutOfRange = "E017", "port-out-of-range",
        "TCP and UDP ports are numbers from 1 to 65535.";
    UnsafeDesignName = "E018", "unsafe-design-name",
        "The design name becomes a folder name under the output directory, so it must be a \
         plain file name: letters, digits, `-`, `_` and `.`, not starting with `.`, with no \
         `/`, `\\` or `..`, and not `README.md`, the output folder's index of designs.";
    WrongReferenceKind = "E019", "wrong-reference-kind",
        "A reference to a component of the wrong kind: `replicates_from` must name a database, \
         `peers` load balancers, `sends_to` a monitoring service, `installed_on` a component \
         that serves traffic.";
    MissingDomain = "E020", "missing-domain",
        "[[dns]] records are names inside the design's domain, so [design] needs `domain` when \
         the spec has DNS records.";
    SpecTooLarge = "E022", "spec-too-large",
        "A spec file larger than 16 MiB is refused before it is read; real designs are far \
         smaller. Split the design into several specs.";
    UnknownRule = "E021", "unknown-rule",
        "`[lint] ignore`, `[lint] severity` or an `allow` entry names a rule that does not exist. \
         `infradoc rules` lists every rule with its code and name; either may be used.";
    ManagedWithHost = "E023", "managed-with-host",
        "A component with `managed = true` is run by a provider on machines you do not see, so \
         it cannot also name one of your hosts. Drop `host`, or drop `managed` if you run it.";
    ReplicationConflict = "E024", "replication-conflict",
        "A replica and its primary both declare `replication`, with different modes. The mode \
         belongs to the pair: declare it on one end (the primary, for all its replicas, or the \
         replica, for itself), or make both say the same.";
    InvalidVip = "E025", "invalid-vip",
        "A virtual IP must be held by two or more load balancers on different hosts, so that one \
         can take the address over when another fails; traffic goes to it, never from it.";
    PathsNotRouted = "E026", "paths-not-routed",
        "`paths` says which request paths a link carries, so it belongs on links out of a \
         component that routes requests by path: a CDN, a load balancer or a web server, on a \
         link that serves users.";
    BrokenExtends = "E027", "broken-extends",
        "`[design] extends` names the spec of the earlier design this one grows from (the \
         write-up says what changed since it). That spec cannot be read, or has errors of its \
         own: fix it, or fix the path, which is relative to the folder of the spec naming it.";
    Unprintable = "E028", "unprintable",
        "A text value holds a character that cannot be shown safely: a control character other \
         than tab and line ends (such as the escape that starts terminal colours and links), a \
         bidirectional override that reorders what a label seems to say, or a noncharacter \
         such as U+FFFE that SVG cannot hold. Remove it.";
    ZoneNesting = "E029", "zone-nesting",
        "Zones nest one way: a region holds availability zones, an availability zone holds \
         networks, a network holds networks (subnets); hosts sit in the innermost. A zone whose \
         `parent` is of a kind that cannot hold it (an availability zone inside a network, a \
         region inside anything), or a zone other than a network marked `public`, is refused.";
    ZoneCycle = "E030", "zone-cycle",
        "Zones whose `parent`s lead back to themselves: a zone cannot contain itself. Give the \
         outermost zone no `parent`.";
    ZonesNotManaged = "E031", "zones-not-managed",
        "`zones` on a component says over which zones a provider spreads a managed service. A \
         component you run sits where its host does: give the host a `zone` instead, or mark \
         the component `managed = true`.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_findable() {
        for (i, a) in Code::ALL.iter().enumerate() {
            for b in &Code::ALL[i + 1..] {
                assert_ne!(a.as_str(), b.as_str());
                assert_ne!(a.name(), b.name());
            }
            assert_eq!(Code::find(a.as_str()), Some(*a));
            assert_eq!(Code::find(&a.as_str().to_lowercase()), Some(*a));
            assert_eq!(Code::find(a.name()), Some(*a));
        }
        assert_eq!(Code::find("E999"), None);
    }
}
