//! The shaped designs the benchmarks share: chains, rings, stars, zones and meshes of any size,
//! each a generator from a size to a spec.

/// `n` databases, each replicating the one before.
pub fn replica_chain(n: usize) -> String {
    let mut s =
        String::from("[design]\nname = \"replicas\"\n[components.db0]\nkind = \"database\"\n");
    for i in 1..n {
        s.push_str(&format!(
            "[components.db{i}]\nkind = \"database\"\nrole = \"replica\"\nreplicates_from = \"db{}\"\n",
            i - 1
        ));
    }
    s
}

/// `n` application servers and as many links to ids no component has (an invalid design).
pub fn misspelt(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"misspelt\"\n");
    for i in 0..n {
        s.push_str(&format!("[components.app-{i}]\nkind = \"app-server\"\n"));
    }
    for i in 0..n {
        s.push_str(&format!(
            "[[links]]\nfrom = \"user\"\nto = \"apq-{i}\"\nprotocol = \"http\"\n"
        ));
    }
    s
}

/// A request chain of `n` application servers, each on a host of its own.
pub fn chain(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"chain\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.c{i}]\nkind = \"app-server\"\nhost = \"h{i}\"\n"
        ));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"c0\"\nprotocol = \"http\"\n");
    for i in 1..n {
        s.push_str(&format!(
            "[[links]]\nfrom = \"c{}\"\nto = \"c{i}\"\nprotocol = \"http\"\n",
            i - 1
        ));
    }
    s
}

/// `n` load balancers on hosts of their own, each naming the next as its peer, in front of one
/// web server.
pub fn peer_ring(n: usize) -> String {
    let mut s =
        String::from("[design]\nname = \"peers\"\n[components.web]\nkind = \"web-server\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.lb{i}]\nkind = \"load-balancer\"\nhost = \"h{i}\"\npeers = [\"lb{}\"]\n",
            (i + 1) % n
        ));
    }
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb0\"\nprotocol = \"https\"\n");
    s.push_str("[[links]]\nfrom = \"lb0\"\nto = \"web\"\nprotocol = \"http\"\n");
    s
}

/// About `n` web servers on hosts spread over 50 availability zones (a network each), behind
/// one managed load balancer over all of them, all talking to one database.
pub fn zones(n: usize) -> String {
    const ZONES: usize = 50;
    let mut s = String::from("[design]\nname = \"zones\"\n[zones.r]\nkind = \"region\"\n");
    for z in 0..ZONES {
        s.push_str(&format!(
            "[zones.az-{z}]\nkind = \"availability-zone\"\nparent = \"r\"\n\
             [zones.net-{z}]\nkind = \"network\"\nparent = \"az-{z}\"\n"
        ));
    }
    let all: Vec<String> = (0..ZONES).map(|z| format!("\"az-{z}\"")).collect();
    s.push_str(&format!(
        "[components.lb]\nkind = \"load-balancer\"\nmanaged = true\nzones = [{}]\n",
        all.join(", ")
    ));
    s.push_str("[hosts.db-0]\nzone = \"net-0\"\n[hosts.db-1]\nzone = \"net-1\"\n");
    s.push_str("[components.db]\nkind = \"database\"\nhost = \"db-0\"\n");
    s.push_str("[components.replica]\nkind = \"database\"\nrole = \"replica\"\nreplicates_from = \"db\"\nhost = \"db-1\"\n");
    let servers = n.saturating_sub(3).max(1);
    for i in 0..servers {
        s.push_str(&format!(
            "[hosts.h{i}]\nzone = \"net-{}\"\n[components.web{i}]\nkind = \"web-server\"\nhost = \"h{i}\"\n",
            i % ZONES
        ));
    }
    let webs: Vec<String> = (0..servers).map(|i| format!("\"web{i}\"")).collect();
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb\"\nprotocol = \"https\"\n");
    s.push_str(&format!(
        "[[links]]\nfrom = \"lb\"\nto = [{}]\nprotocol = \"http\"\n",
        webs.join(", ")
    ));
    s.push_str(&format!(
        "[[links]]\nfrom = [{}]\nto = \"db\"\nprotocol = \"postgresql\"\n",
        webs.join(", ")
    ));
    s
}

/// `n` application servers and one `[[links]]` table of `n` by `n` links.
pub fn mesh(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"mesh\"\n");
    for i in 0..n {
        s.push_str(&format!("[components.c{i}]\nkind = \"app-server\"\n"));
    }
    let ids: Vec<String> = (0..n).map(|i| format!("\"c{i}\"")).collect();
    let ids = ids.join(", ");
    s.push_str(&format!(
        "[[links]]\nfrom = [{ids}]\nto = [{ids}]\nprotocol = \"http\"\n"
    ));
    s
}

/// A star: one load balancer sending to `n - 1` web servers, each on a host of its own.
pub fn star_lb(n: usize) -> String {
    let servers = n.saturating_sub(1).max(1);
    let mut s =
        String::from("[design]\nname = \"star-lb\"\n[components.lb]\nkind = \"load-balancer\"\n");
    for i in 0..servers {
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.web{i}]\nkind = \"web-server\"\nhost = \"h{i}\"\n"
        ));
    }
    let webs: Vec<String> = (0..servers).map(|i| format!("\"web{i}\"")).collect();
    s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb\"\nprotocol = \"https\"\n");
    s.push_str(&format!(
        "[[links]]\nfrom = \"lb\"\nto = [{}]\nprotocol = \"http\"\n",
        webs.join(", ")
    ));
    s
}

/// A star the other way: `n - 1` application servers, each on a host of its own, all
/// reading one database.
pub fn star_db(n: usize) -> String {
    let clients = n.saturating_sub(1).max(1);
    let mut s =
        String::from("[design]\nname = \"star-db\"\n[components.db]\nkind = \"database\"\n");
    for i in 0..clients {
        s.push_str(&format!(
            "[hosts.h{i}]\n[components.app{i}]\nkind = \"app-server\"\nhost = \"h{i}\"\n"
        ));
    }
    let apps: Vec<String> = (0..clients).map(|i| format!("\"app{i}\"")).collect();
    s.push_str(&format!(
        "[[links]]\nfrom = \"user\"\nto = [{}]\nprotocol = \"http\"\n",
        apps.join(", ")
    ));
    s.push_str(&format!(
        "[[links]]\nfrom = [{}]\nto = \"db\"\nprotocol = \"postgresql\"\n",
        apps.join(", ")
    ));
    s
}

/// `n` web servers each sending to every one of `n` application servers: `n` by `n` links in
/// one `[[links]]` table, and no link from a component to itself.
pub fn mesh_between(n: usize) -> String {
    let mut s = String::from("[design]\nname = \"mesh\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[components.w{i}]\nkind = \"web-server\"\n[components.a{i}]\nkind = \"app-server\"\n"
        ));
    }
    let list = |prefix: &str| {
        (0..n)
            .map(|i| format!("\"{prefix}{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    s.push_str(&format!(
        "[[links]]\nfrom = [{}]\nto = [{}]\nprotocol = \"http\"\n",
        list("w"),
        list("a")
    ));
    s
}
