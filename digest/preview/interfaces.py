"""This machine's own network addresses, read from its interfaces (getifaddrs, as `ip addr`
and `ifconfig` read them): no name lookup, no packet sent, nothing outside the machine asked.

A preview listening on every interface prints these, so an editor can type one into a phone
or another computer on the same network.
"""

from __future__ import annotations

import ctypes
import ipaddress
import socket
import sys

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


# The BSDs and macOS open a sockaddr with its length byte, then a one-byte family; Linux
# and the others with a two-byte family.
_SA_LEN = sys.platform.startswith(("darwin", "freebsd", "openbsd", "netbsd", "dragonfly"))


class _Sockaddr(ctypes.Structure):
    _fields_ = (
        [("sa_len", ctypes.c_uint8), ("sa_family", ctypes.c_uint8)]
        if _SA_LEN
        else [("sa_family", ctypes.c_uint16)]
    )


class _Ifaddrs(ctypes.Structure):
    pass


_Ifaddrs._fields_ = [
    ("ifa_next", ctypes.POINTER(_Ifaddrs)),
    ("ifa_name", ctypes.c_char_p),
    ("ifa_flags", ctypes.c_uint),
    ("ifa_addr", ctypes.POINTER(_Sockaddr)),
    ("ifa_netmask", ctypes.POINTER(_Sockaddr)),
]

# Where the address bytes sit in a sockaddr_in (after family and port) and a sockaddr_in6
# (after family, port and flow information): the same offsets on Linux and the BSDs.
_IPV4_AT, _IPV6_AT = 4, 8


def local_addresses() -> list[Address]:
    """Every address of this machine's interfaces, IPv4 then IPv6, each once, in order;
    empty where the system has no getifaddrs (Windows) or it fails."""
    found: list[Address] = []
    if sys.platform == "win32":
        return found
    libc = ctypes.CDLL(None)  # the symbols already loaded: the C library's, whatever its file's name
    if not hasattr(libc, "getifaddrs") or not hasattr(libc, "freeifaddrs"):
        return found
    head = ctypes.POINTER(_Ifaddrs)()
    if libc.getifaddrs(ctypes.byref(head)) != 0:
        return found
    try:
        node = head
        while node:
            if (address := _address(node.contents.ifa_addr)) is not None:
                found.append(address)
            node = node.contents.ifa_next
    finally:
        libc.freeifaddrs(head)
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda each: each.version)  # stable: each family in the system's order


def _address(pointer: ctypes._Pointer[_Sockaddr]) -> Address | None:
    if not pointer:
        return None
    family = pointer.contents.sa_family
    raw = ctypes.cast(pointer, ctypes.c_void_p).value
    if raw is None:
        return None
    if family == socket.AF_INET:
        return ipaddress.IPv4Address(ctypes.string_at(raw + _IPV4_AT, 4))
    if family == socket.AF_INET6:
        return ipaddress.IPv6Address(ctypes.string_at(raw + _IPV6_AT, 16))
    return None


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
