"""Start and stop the test OpenID Connect provider in a subprocess on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[4]  # the repository: dancoso/accounts/tests/oidc_provider
PACKAGE = "dancoso.accounts.tests.oidc_provider"
START_TIMEOUT = 60
NO_PROXY = {"http": None, "https": None}


def rsa_private_pem() -> bytes:
    """A fresh 2048-bit RSA signing key, PEM (PKCS#8), made for this test run."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Provider:
    """A running provider: ``issuer`` and the endpoints dancoso's settings point at."""

    scratch: Path
    client_id: str = "dancoso-thu-nghiem"
    client_secret: str = "bi-mat-cua-ung-dung-thu-nghiem"  # noqa: S105 - test only
    redirect_uri: str = "http://testserver/oidc/callback/"
    username: str = "0912345678"
    password: str = "mat-khau-vneid-2026"  # noqa: S105 - test only
    email: str = "lan.nong@example.vn"
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.base}/o"

    def rp_settings(self) -> dict:
        """dancoso's ``OIDC_*`` settings for this provider."""
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/.well-known/jwks.json",
            "OIDC_TIMEOUT": 10,
            "OIDC_PROXY": {"http": None, "https": None},  # loopback: never an HTTP(S)_PROXY
        }

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DANCOSO_", "DJANGO_"))}
        return env | {
            "DJANGO_SETTINGS_MODULE": f"{PACKAGE}.settings",
            "OIDC_TEST_DIR": str(self.scratch),
            "OIDC_TEST_ISSUER": self.issuer,
            "PYTHONPATH": str(ROOT),
        }

    def start(self) -> "Provider":
        (self.scratch / "rsa.pem").write_bytes(rsa_private_pem())
        subprocess.run(
            [sys.executable, "-m", f"{PACKAGE}.bootstrap", self.client_id, self.client_secret,
             self.redirect_uri, self.username, self.password, self.email],
            cwd=ROOT, env=self._env(), check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        log = (self.scratch / "server.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", f"{PACKAGE}.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--threads", "4"],
            cwd=ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_until_it_answers()
        return self

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        url = f"{self.issuer}/.well-known/openid-configuration/"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log())
            try:
                if requests.get(url, timeout=2, proxies=NO_PROXY).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or too busy to answer
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the test OIDC provider did not answer:\n" + self.log())

    def log(self) -> str:
        return (self.scratch / "server.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
