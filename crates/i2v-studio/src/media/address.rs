//! Which IP addresses a URL upload may reach: public unicast only, unless the studio allows private ones.
//!
//! A URL upload makes the studio send a request on someone else's behalf; left open, it would let a caller read
//! the studio's own loopback services or the private network around it (server-side request forgery).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether a URL upload may connect to `ip`: false for loopback, private (10/8, 172.16/12, 192.168/16,
/// fc00::/7), link-local (169.254/16, fe80::/10), unspecified, multicast, broadcast, CGNAT (100.64/10), "this
/// network" (0/8), IETF protocol assignments (192.0.0/24), benchmarking (198.18/15), documentation
/// (192.0.2/24, 198.51.100/24, 203.0.113/24), reserved (240/4) and site-local (fec0::/10) addresses, and for
/// IPv6 forms that embed such an IPv4 address (`::ffff:a.b.c.d`, `64:ff9b::a.b.c.d`, and the deprecated
/// IPv4-compatible `::a.b.c.d`).
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let this_network = a == 0;
    let carrier_grade_nat = a == 100 && (64..128).contains(&b);
    let protocol_assignments = (a, b, c) == (192, 0, 0);
    let benchmarking = a == 198 && (b == 18 || b == 19);
    let documentation = matches!((a, b, c), (192, 0, 2) | (198, 51, 100) | (203, 0, 113));
    let reserved = a >= 240;
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || this_network
        || carrier_grade_nat
        || protocol_assignments
        || benchmarking
        || documentation
        || reserved)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_public_v4(v4);
    }
    let first = ip.segments().first().copied().unwrap_or(0);
    let unique_local = first & 0xFE00 == 0xFC00;
    let link_local = first & 0xFFC0 == 0xFE80;
    let site_local = first & 0xFFC0 == 0xFEC0;
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || unique_local
        || link_local
        || site_local)
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:0:0/96`), NAT64 (`64:ff9b::/96`) or
/// IPv4-compatible (`::/96`, deprecated but still routed by some stacks) IPv6 address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(mapped) = ip.to_ipv4_mapped() {
        return Some(mapped);
    }
    let [s0, s1, s2, s3, s4, s5, _, _] = ip.segments();
    let [.., a, b, c, d] = ip.octets();
    let nat64 = s0 == 0x64 && s1 == 0xFF9B && s2 == 0 && s3 == 0 && s4 == 0 && s5 == 0;
    // `::` and `::1` are IPv6's own unspecified and loopback addresses, judged as such.
    let compatible =
        [s0, s1, s2, s3, s4, s5] == [0; 6] && !ip.is_loopback() && !ip.is_unspecified();
    (nat64 || compatible).then(|| Ipv4Addr::new(a, b, c, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> bool {
        is_public_address(text.parse().unwrap())
    }

    #[test]
    fn private_and_special_ipv4_ranges_are_refused() {
        let refused = [
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.254",
            "192.0.0.170",
            "192.0.2.1",
            "203.0.113.9",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "100.64.0.1",
            "100.127.255.255",
            "240.0.0.1",
        ];
        for text in refused {
            assert!(!public(text), "{text}");
        }
    }

    #[test]
    fn public_ipv4_neighbours_of_those_ranges_are_allowed() {
        for text in [
            "8.8.8.8",
            "1.1.1.1",
            "172.15.255.255",
            "172.32.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "11.0.0.1",
        ] {
            assert!(public(text), "{text}");
        }
    }

    #[test]
    fn private_and_special_ipv6_ranges_are_refused() {
        let refused = [
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "febf::1",
            "fec0::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "64:ff9b::a9fe:a9fe",
            "::127.0.0.1",
            "::10.0.0.1",
            "::",
            "::1",
        ];
        for text in refused {
            assert!(!public(text), "{text}");
        }
    }

    #[test]
    fn public_ipv6_is_allowed() {
        for text in [
            "2001:4860:4860::8888",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "::8.8.8.8",
        ] {
            assert!(public(text), "{text}");
        }
    }
}
