"""Claude plugin marketplaces: `[claude] plugins` checked against their catalogues (§4.2).

Each plugin is `name@marketplace`. A marketplace is known by the `name` in its
`.claude-plugin/marketplace.json`, which is fetched from the GitHub repository declared
under `[[claude.marketplaces]]`; `claude-plugins-official` is built in and needs no
declaration. Only `jackin role validate|migrate|create` run these checks, never a load.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Protocol

from jackin_sdk._version import __version__
from jackin_sdk.debug import redact, tracer
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.roles._findings import Finding, Severity

__all__ = [
    "BUILTIN_MARKETPLACE",
    "BUILTIN_MARKETPLACE_SOURCE",
    "DEFAULT_RAW_BASE",
    "MARKETPLACE_FETCH_TIMEOUT",
    "MARKETPLACE_MAX_BYTES",
    "MarketplaceFetchError",
    "MarketplaceFetcher",
    "MarketplaceSource",
    "UrllibFetcher",
    "check_marketplaces",
]

BUILTIN_MARKETPLACE = "claude-plugins-official"
BUILTIN_MARKETPLACE_SOURCE = "anthropics/claude-plugins-official"
DEFAULT_RAW_BASE = "https://raw.githubusercontent.com"
MARKETPLACE_FETCH_TIMEOUT = 10.0
MARKETPLACE_MAX_BYTES = 1024 * 1024
_CATALOGUE_PATH = "HEAD/.claude-plugin/marketplace.json"
_USER_AGENT = f"jackin/{__version__} (+https://github.com/jackin-project/jackin)"
_PLUGINS_FIELD = "claude.plugins"
_MARKETPLACES_FIELD = "claude.marketplaces"

_log = tracer("roles")

_GITHUB_URL = re.compile(r"https://github\.com/(?P<slug>[^/\s]+/[^/\s]+?)(?:\.git)?/?")
_SLUG = re.compile(r"(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/(?P<repo>[A-Za-z0-9._-]+)")


@dataclass(frozen=True, slots=True)
class MarketplaceSource:
    """One `[[claude.marketplaces]]` entry: a GitHub source and its sparse paths."""

    source: str
    sparse: tuple[str, ...] = ()


class MarketplaceFetcher(Protocol):
    """Returns the body at `url`; raises MarketplaceFetchError (or OSError) on failure."""

    def __call__(self, url: str, timeout: float) -> bytes: ...


class MarketplaceFetchError(JackinError):
    """A marketplace catalogue could not be fetched."""


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to the schemes the fetcher allows (no HTTPS → HTTP)."""

    def __init__(self, schemes: frozenset[str]) -> None:
        super().__init__()
        self._schemes = schemes

    def redirect_request(  # noqa: PLR0917 (urllib's signature)
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in self._schemes:
            raise urllib.error.HTTPError(
                newurl, code, f"redirect to {newurl} refused (not HTTPS)", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True, slots=True)
class UrllibFetcher:
    """The default fetcher: HTTPS only (plain HTTP only with `allow_http`), bounded body."""

    allow_http: bool = False
    max_bytes: int = MARKETPLACE_MAX_BYTES

    def __call__(self, url: str, timeout: float) -> bytes:
        """The body at `url`, or MarketplaceFetchError saying why not."""
        schemes = frozenset({"https", "http"} if self.allow_http else {"https"})
        if urllib.parse.urlsplit(url).scheme not in schemes:
            raise MarketplaceFetchError(f"refusing to fetch {url}: only HTTPS URLs are allowed")
        opener = urllib.request.build_opener(_CheckedRedirects(schemes))
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            url, headers={"User-Agent": _USER_AGENT, "Accept": "application/json"}
        )
        _log.debug("fetching %s", redact(url))
        try:
            with opener.open(request, timeout=timeout) as response:
                body: bytes = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            raise MarketplaceFetchError(f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise MarketplaceFetchError(f"timed out after {timeout:g} s") from None
            raise MarketplaceFetchError(str(exc.reason)) from None
        except TimeoutError:
            raise MarketplaceFetchError(f"timed out after {timeout:g} s") from None
        except OSError as exc:
            raise MarketplaceFetchError(str(exc)) from None
        if len(body) > self.max_bytes:
            raise MarketplaceFetchError(f"response is larger than {self.max_bytes} bytes")
        return body


@dataclass(frozen=True, slots=True)
class _Catalogue:
    """A fetched marketplace.json: the name it registers and the plugins it offers."""

    source: str
    name: str
    plugins: frozenset[str]


class _Problem(ValueError):
    pass


def _github_slug(source: str) -> str | None:
    """`owner/repo` for a slug or a https://github.com URL; None for anything else."""
    text = source.strip()
    url = _GITHUB_URL.fullmatch(text)
    if url is not None:
        text = url["slug"]
    match = _SLUG.fullmatch(text)
    if match is None or match["repo"] in {".", ".."}:
        return None
    return f"{match['owner']}/{match['repo']}"


def _parse_catalogue(source: str, body: bytes) -> _Catalogue:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise _Problem(f"is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise _Problem("is not a JSON object")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Problem('has no "name" field')
    plugins = data.get("plugins")
    if not isinstance(plugins, list):
        raise _Problem('has no "plugins" list')
    names = frozenset(
        entry["name"]
        for entry in plugins
        if isinstance(entry, dict) and isinstance(entry.get("name"), str)
    )
    return _Catalogue(source=source, name=name.strip(), plugins=names)


def _split_plugin(plugin: str) -> tuple[str, str] | None:
    name, at, marketplace = plugin.partition("@")
    if not at or not name.strip() or not marketplace.strip():
        return None
    return name, marketplace


def _line_of(text: str | None, value: str, *, key: str | None = None) -> int | None:
    """The first line holding `value` as a TOML string (preferring `key = …` lines)."""
    if text is None:
        return None
    needles = (json.dumps(value, ensure_ascii=False), f"'{value}'")
    lines = text.splitlines()
    if key is not None:
        assignment = re.compile(rf"(^|[{{,\s]){re.escape(key)}\s*=")
        for number, line in enumerate(lines, start=1):
            if assignment.search(line) and any(n in line for n in needles):
                return number
    for number, line in enumerate(lines, start=1):
        if any(n in line for n in needles):
            return number
    return None


@dataclass(slots=True)
class _Checker:
    manifest_file: Path
    text: str | None
    findings: list[Finding]

    def error(self, message: str, value: str, dotted: str, *, key: str | None = None) -> None:
        """An error on the manifest line that holds `value` (a plugin or a source)."""
        line = _line_of(self.text, value, key=key)
        self.findings.append(Finding(Severity.ERROR, message, self.manifest_file, line, dotted))

    def parse_plugins(self, plugins: Iterable[str]) -> list[tuple[str, str, str]]:
        """(plugin, name, marketplace) for each well-formed plugin; errors for the rest."""
        parsed: list[tuple[str, str, str]] = []
        for plugin in plugins:
            split = _split_plugin(plugin)
            if split is None:
                self.error(
                    f"plugin {plugin!r} must be written as `name@marketplace`",
                    plugin,
                    _PLUGINS_FIELD,
                )
                continue
            parsed.append((plugin, *split))
        return parsed

    def parse_sources(self, marketplaces: Iterable[MarketplaceSource]) -> list[tuple[str, str]]:
        """(declared source, slug) for each usable source, once each; errors for the rest."""
        seen: dict[str, str] = {}
        usable: list[tuple[str, str]] = []
        for marketplace in marketplaces:
            slug = _github_slug(marketplace.source)
            if slug is None:
                self.error(
                    f"marketplace source {marketplace.source!r} is not a GitHub repository "
                    "(expected `owner/repo` or https://github.com/owner/repo)",
                    marketplace.source,
                    _MARKETPLACES_FIELD,
                    key="source",
                )
                continue
            if slug.lower() in seen:
                self.error(
                    f"marketplace source {marketplace.source!r} is declared more than once "
                    f"(first as {seen[slug.lower()]!r})",
                    marketplace.source,
                    _MARKETPLACES_FIELD,
                    key="source",
                )
                continue
            seen[slug.lower()] = marketplace.source
            usable.append((marketplace.source, slug))
        return usable


@dataclass(slots=True)
class _Registry:
    """Catalogues by the marketplace name they declare; one source per name."""

    checker: _Checker
    names: dict[str, _Catalogue] = field(default_factory=dict)

    def add(self, catalogue: _Catalogue, slug: str) -> None:
        source = catalogue.source
        holder = self.names.get(catalogue.name)
        if holder is not None:
            self.checker.error(
                f"marketplaces {holder.source!r} and {source!r} both declare the name "
                f"{catalogue.name!r}",
                source,
                _MARKETPLACES_FIELD,
                key="source",
            )
        elif catalogue.name == BUILTIN_MARKETPLACE and slug.lower() != BUILTIN_MARKETPLACE_SOURCE:
            self.checker.error(
                f"marketplace {source!r} declares the name {catalogue.name!r}, which belongs "
                f"to the built-in marketplace {BUILTIN_MARKETPLACE_SOURCE}",
                source,
                _MARKETPLACES_FIELD,
                key="source",
            )
        else:
            self.names[catalogue.name] = catalogue


def _fetch_catalogue(
    checker: _Checker,
    source: str,
    slug: str,
    *,
    fetch: MarketplaceFetcher,
    raw_base: str,
    timeout: float,
) -> _Catalogue | None:
    url = f"{raw_base.rstrip('/')}/{slug}/{_CATALOGUE_PATH}"
    try:
        body = fetch(url, timeout)
        return _parse_catalogue(source, body)
    except (MarketplaceFetchError, OSError) as exc:
        reason = str(exc)
        message = f"marketplace {source!r}: could not fetch {url}: {redact(reason)}"
    except _Problem as exc:
        message = f"marketplace {source!r}: {url} {exc}"
    checker.error(message, source, _MARKETPLACES_FIELD, key="source")
    return None


def check_marketplaces(
    plugins: Sequence[str],
    marketplaces: Sequence[MarketplaceSource],
    *,
    manifest_file: Path,
    text: str | None = None,
    fetch: MarketplaceFetcher | None = None,
    offline: bool = False,
    raw_base: str = DEFAULT_RAW_BASE,
    allow_http: bool = False,
    timeout: float = MARKETPLACE_FETCH_TIMEOUT,
) -> list[Finding]:
    """Findings for `[claude] plugins` and `[[claude.marketplaces]]`; fetches catalogues.

    Syntax is always checked. Unless `offline`, each declared marketplace (and the
    built-in one when a plugin uses it) is fetched from `raw_base` and every plugin must
    be listed in its marketplace. `text` (the manifest's TOML) puts lines on findings.
    Plain-HTTP `raw_base` needs `allow_http=True` or an injected `fetch`.
    """
    if fetch is None and not allow_http and urllib.parse.urlsplit(raw_base).scheme != "https":
        raise UsageError(f"marketplace base URL must be HTTPS: {raw_base}")
    checker = _Checker(manifest_file=manifest_file, text=text, findings=[])
    wanted = checker.parse_plugins(plugins)
    sources = checker.parse_sources(marketplaces)
    if offline:
        if plugins or marketplaces:
            checker.findings.append(
                Finding(
                    Severity.WARNING,
                    "Claude plugin marketplaces were not checked (offline)",
                    manifest_file,
                    None,
                    _MARKETPLACES_FIELD if marketplaces else _PLUGINS_FIELD,
                )
            )
        return checker.findings

    fetcher: MarketplaceFetcher = fetch if fetch is not None else UrllibFetcher(allow_http)
    registry = _Registry(checker)
    declared_failed = False
    for source, slug in sources:
        catalogue = _fetch_catalogue(
            checker, source, slug, fetch=fetcher, raw_base=raw_base, timeout=timeout
        )
        if catalogue is None:
            declared_failed = True
        else:
            registry.add(catalogue, slug)
    if BUILTIN_MARKETPLACE not in registry.names and any(
        market == BUILTIN_MARKETPLACE for _, _, market in wanted
    ):
        builtin = _fetch_catalogue(
            checker,
            BUILTIN_MARKETPLACE_SOURCE,
            BUILTIN_MARKETPLACE_SOURCE,
            fetch=fetcher,
            raw_base=raw_base,
            timeout=timeout,
        )
        if builtin is not None:  # registered under the name Claude knows it by
            registry.names[BUILTIN_MARKETPLACE] = builtin

    known = ", ".join(sorted({*registry.names, BUILTIN_MARKETPLACE}))
    for plugin, name, market in wanted:
        catalogue = registry.names.get(market)
        if catalogue is None:
            if declared_failed or market == BUILTIN_MARKETPLACE:
                continue  # the fetch error already reported may be this marketplace
            checker.error(
                f"plugin {plugin!r} uses unknown marketplace {market!r} (known: {known}); "
                "declare its source under [[claude.marketplaces]]",
                plugin,
                _PLUGINS_FIELD,
            )
        elif name not in catalogue.plugins:
            checker.error(
                f"plugin {name!r} is not in marketplace {market!r} ({catalogue.source})",
                plugin,
                _PLUGINS_FIELD,
            )
    return checker.findings
