"""This machine's own network addresses, read from its interfaces (psutil's net_if_addrs, as
`ip addr` and `ifconfig` read them): no name lookup, no packet sent, nothing outside the
machine asked.

A preview listening on every interface prints these, so an editor can type one into a phone
or another computer on the same network.
"""

from __future__ import annotations

import ipaddress
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def local_addresses() -> list[Address]:
    """Every address of this machine's interfaces, IPv4 then IPv6, each once, in the system's
    order; empty where they cannot be read."""
    import psutil

    try:
        interfaces = psutil.net_if_addrs()
    except (OSError, RuntimeError):
        return []
    found: list[Address] = []
    for entries in interfaces.values():
        for entry in entries:
            if entry.family in (socket.AF_INET, socket.AF_INET6):
                try:  # an IPv6 link-local address carries its interface: 'fe80::1%eth0'
                    found.append(ipaddress.ip_address(entry.address.partition("%")[0]))
                except ValueError:
                    continue
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda each: each.version)  # stable: each family in the system's order


def reachable_from_the_network(addresses: list[Address], *, ipv6: bool) -> list[Address]:
    """The addresses another machine could type: not loopback, not IPv6 link-local (which
    needs the other machine's interface name too), IPv6 only when listening on it."""
    return [
        each
        for each in addresses
        if not each.is_loopback
        and not (each.version == 6 and each.is_link_local)
        and (ipv6 or each.version == 4)
    ]
