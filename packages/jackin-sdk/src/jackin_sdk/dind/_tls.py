"""TLS material for a DinD sidecar, made by jackin with `cryptography` (DECISIONS #3).

Per instance: an ECDSA P-256 CA, a server certificate for the sidecar (SANs
`DNS:<sidecar>`, `DNS:localhost`, `IP:127.0.0.1`, EKU serverAuth) and a client
certificate (EKU clientAuth). Private keys are 0600 in the instance state folder, folders
0700. The material is reused across restarts of the instance while it is complete,
matches the sidecar name and is not about to expire.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.fs import atomic_write_bytes

__all__ = ["CERT_VALIDITY_DAYS", "DindTlsMaterial", "ensure_tls_material"]

CERT_VALIDITY_DAYS = 825
_RENEW_BEFORE = dt.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class DindTlsMaterial:
    """Where the certificates are: `server/` for the sidecar, `client/` for the agent."""

    root: Path

    @property
    def server_dir(self) -> Path:
        """`ca.pem`, `cert.pem`, `key.pem` for the sidecar's dockerd."""
        return self.root / "server"

    @property
    def client_dir(self) -> Path:
        """`ca.pem`, `cert.pem`, `key.pem` for `DOCKER_CERT_PATH` in the role container."""
        return self.root / "client"

    @property
    def ca_dir(self) -> Path:
        """The CA certificate and key (the key never leaves the host)."""
        return self.root / "ca"

    def files(self) -> list[Path]:
        """Every file the material consists of."""
        return [
            *(self.ca_dir / n for n in ("cert.pem", "key.pem")),
            *(self.server_dir / n for n in ("ca.pem", "cert.pem", "key.pem")),
            *(self.client_dir / n for n in ("ca.pem", "cert.pem", "key.pem")),
        ]


def _reusable(material: DindTlsMaterial, sidecar: str, now: dt.datetime) -> bool:
    from cryptography import x509  # noqa: PLC0415

    if not all(path.is_file() for path in material.files()):
        return False
    try:
        server = x509.load_pem_x509_certificate((material.server_dir / "cert.pem").read_bytes())
        client = x509.load_pem_x509_certificate((material.client_dir / "cert.pem").read_bytes())
        names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (ValueError, x509.ExtensionNotFound):
        return False
    fresh = all(c.not_valid_after_utc - now > _RENEW_BEFORE for c in (server, client))
    return fresh and sidecar in names.get_values_for_type(x509.DNSName)


def _write(path: Path, data: bytes, *, secret: bool) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write_bytes(path, data, mode=0o600 if secret else 0o644)


def ensure_tls_material(
    state_dir: Path, sidecar: str, *, now: dt.datetime | None = None
) -> DindTlsMaterial:
    """The TLS material for `sidecar` under `state_dir/dind-certs`, made if needed."""
    from cryptography import x509  # noqa: PLC0415 - only launches need it
    from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric import ec  # noqa: PLC0415
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: PLC0415

    now = now or dt.datetime.now(dt.UTC)
    material = DindTlsMaterial(state_dir / "dind-certs")
    if _reusable(material, sidecar, now):
        return material

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "jackin"),
                x509.NameAttribute(NameOID.COMMON_NAME, common),
            ]
        )

    def pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    material.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    material.root.chmod(0o700)
    start = now - dt.timedelta(minutes=5)
    end = now + dt.timedelta(days=CERT_VALIDITY_DAYS)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = name(f"jackin DinD CA for {sidecar}")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )

    def leaf(
        common: str, usage: x509.ObjectIdentifier, sans: list[x509.GeneralName] | None
    ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(common))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        )
        if sans:
            builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
        return builder.sign(ca_key, hashes.SHA256()), key

    server, server_key = leaf(
        sidecar,
        ExtendedKeyUsageOID.SERVER_AUTH,
        [
            x509.DNSName(sidecar),
            x509.DNSName("localhost"),
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        ],
    )
    client, client_key = leaf(f"jackin client of {sidecar}", ExtendedKeyUsageOID.CLIENT_AUTH, None)
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    _write(material.ca_dir / "key.pem", pem_key(ca_key), secret=True)
    _write(material.ca_dir / "cert.pem", ca_pem, secret=False)
    for folder, cert, key in (
        (material.server_dir, server, server_key),
        (material.client_dir, client, client_key),
    ):
        _write(folder / "ca.pem", ca_pem, secret=False)
        _write(folder / "cert.pem", cert.public_bytes(serialization.Encoding.PEM), secret=False)
        _write(folder / "key.pem", pem_key(key), secret=True)
    return material
