"""Which address the audit log and sign-in throttling record: the connection's, unless the
trust's own proxies wrote the address into X-Forwarded-For."""

from __future__ import annotations

from ipaddress import IPv4Address

from hypothesis import given
from hypothesis import strategies as st

from rotaplan.web.client_address import client_address

addresses = st.ip_addresses(v=4).map(str)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address("10.0.0.5", "203.0.113.9", trusted_proxies=0) == "10.0.0.5"


def test_one_proxy_takes_the_address_it_appended():
    # The client forged the first entry; the proxy appended the address it saw.
    forged_then_real = "198.51.100.1, 203.0.113.9"
    assert client_address("10.0.0.5", forged_then_real, trusted_proxies=1) == "203.0.113.9"


def test_two_proxies_take_the_address_the_outer_one_saw():
    header = "198.51.100.1, 203.0.113.9, 10.0.0.2"
    assert client_address("10.0.0.3", header, trusted_proxies=2) == "203.0.113.9"


def test_a_request_that_did_not_pass_every_proxy_keeps_the_connection_address():
    assert client_address("10.0.0.5", "203.0.113.9", trusted_proxies=2) == "10.0.0.5"
    assert client_address("10.0.0.5", "", trusted_proxies=1) == "10.0.0.5"


def test_an_entry_that_is_not_an_address_is_not_believed():
    assert client_address("10.0.0.5", "unknown", trusted_proxies=1) == "10.0.0.5"
    assert client_address("10.0.0.5", "<script>", trusted_proxies=1) == "10.0.0.5"


@given(
    forged=st.lists(addresses, max_size=4), real=addresses, proxies=st.lists(addresses, max_size=3)
)
def test_nothing_the_client_writes_before_the_proxies_is_believed(forged, real, proxies):
    """Whatever the client puts in the header, the proxies' own entries decide."""
    header = ", ".join([*forged, real, *proxies])
    trusted = len(proxies) + 1
    assert client_address("10.9.9.9", header, trusted_proxies=trusted) == str(IPv4Address(real))
