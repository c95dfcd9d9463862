from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from jackin_sdk.dind import ensure_tls_material


def _cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_material_is_a_valid_chain_with_the_right_names(tmp_path: Path) -> None:
    material = ensure_tls_material(tmp_path, "jk-abc-dind")
    ca = _cert(material.ca_dir / "cert.pem")
    server = _cert(material.server_dir / "cert.pem")
    client = _cert(material.client_dir / "cert.pem")
    for leaf in (server, client):
        leaf.verify_directly_issued_by(ca)
        assert isinstance(leaf.public_key(), ec.EllipticCurvePublicKey)
    sans = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sans.get_values_for_type(x509.DNSName) == ["jk-abc-dind", "localhost"]
    assert [str(ip) for ip in sans.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    assert list(server.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.SERVER_AUTH
    ]
    assert list(client.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.CLIENT_AUTH
    ]
    assert (material.client_dir / "ca.pem").read_bytes() == (
        material.ca_dir / "cert.pem"
    ).read_bytes()


def test_keys_are_private(tmp_path: Path) -> None:
    material = ensure_tls_material(tmp_path, "jk-abc-dind")
    for path in material.files():
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o600 if path.name == "key.pem" else 0o644), path
    for folder in (material.root, material.ca_dir, material.server_dir, material.client_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_reused_across_restarts_and_renewed_when_needed(tmp_path: Path) -> None:
    first = ensure_tls_material(tmp_path, "jk-abc-dind")
    before = {p: p.read_bytes() for p in first.files()}
    again = ensure_tls_material(tmp_path, "jk-abc-dind")
    assert {p: p.read_bytes() for p in again.files()} == before
    renamed = ensure_tls_material(tmp_path, "jk-other-dind")
    assert (renamed.server_dir / "cert.pem").read_bytes() != before[first.server_dir / "cert.pem"]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=820)
    current = (renamed.server_dir / "cert.pem").read_bytes()
    ensure_tls_material(tmp_path, "jk-other-dind", now=later)
    assert (renamed.server_dir / "cert.pem").read_bytes() != current


def test_incomplete_material_is_remade(tmp_path: Path) -> None:
    material = ensure_tls_material(tmp_path, "jk-abc-dind")
    (material.client_dir / "key.pem").unlink()
    ensure_tls_material(tmp_path, "jk-abc-dind")
    assert (material.client_dir / "key.pem").is_file()
    _cert(material.client_dir / "cert.pem").verify_directly_issued_by(
        _cert(material.ca_dir / "cert.pem")
    )
