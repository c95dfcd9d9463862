from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from jackin_sdk.instances import (
    IndexRow,
    InstanceDockerNames,
    InstanceFileError,
    InstanceManifest,
    InstanceStatus,
    host_path_fingerprint,
)
from tests.sdk.instances.support import START, container_name, manifest_for

C = container_name()

# What the reference writes (serde_json pretty, no trailing newline, no fields of ours).
REFERENCE_MANIFEST = """{
  "version": 2,
  "instance_id": "k7p9m2xq",
  "container_base": "jk-k7p9m2xq-proj-agentsmith",
  "created_at": "2026-01-02T03:04:05Z",
  "updated_at": "2026-01-02T03:10:00Z",
  "workspace_name": null,
  "workspace_label": "/home/me/proj",
  "workdir": "/home/me/proj",
  "host_workdir_fingerprint": "sha256:abc",
  "role_key": "chainargos/agent-smith",
  "role_display_name": "Agent Smith",
  "agent_runtime": "codex",
  "role_source_git": "https://github.com/chainargos/jackin-agent-smith.git",
  "role_source_ref": "main",
  "image_tag": "jk_chainargos_agent-smith:abc1234",
  "status": "preserved_dirty",
  "last_attach_outcome": "detached",
  "docker": {
    "role_container": "jk-k7p9m2xq-proj-agentsmith",
    "network": "jk-k7p9m2xq-proj-agentsmith-net"
  },
  "backend": {
    "docker": {
      "role_container": "jk-k7p9m2xq-proj-agentsmith",
      "network": "jk-k7p9m2xq-proj-agentsmith-net"
    }
  },
  "sessions": [],
  "role_git_sha": "abc1234def",
  "base_image_ref": "projectjackin/construct:trixie",
  "base_image_digest": null,
  "supported_agents": [
    "claude",
    "codex"
  ]
}"""


def test_json_shape_and_field_order() -> None:
    manifest = manifest_for(C, mounts=({"src": "/a", "dst": "/workspace/a", "readonly": False},))
    document = json.loads(manifest.to_json())
    assert list(document) == [
        "version",
        "instance_id",
        "container_base",
        "created_at",
        "updated_at",
        "workspace_name",
        "workspace_label",
        "workdir",
        "host_workdir_fingerprint",
        "role_key",
        "role_display_name",
        "agent_runtime",
        "role_source_git",
        "role_source_ref",
        "image_tag",
        "status",
        "last_attach_outcome",
        "docker",
        "sessions",
        "role_git_sha",
        "base_image_ref",
        "base_image_digest",
        "supported_agents",
        "dind_enabled",
        "mounts",
    ]
    assert document["version"] == 2
    assert document["instance_id"] == "k7p9m2xq"
    assert document["created_at"] == document["updated_at"] == "2026-01-02T03:04:05Z"
    assert document["status"] == "active"
    assert document["role_display_name"] == "Agent Smith"
    assert document["docker"] == {
        "role_container": C,
        "dind_container": f"{C}-dind",
        "network": f"{C}-net",
    }
    assert document["sessions"] == []
    assert document["supported_agents"] == ["claude", "codex"]
    assert document["dind_enabled"] is True
    assert document["mounts"] == [{"src": "/a", "dst": "/workspace/a", "readonly": False}]
    assert manifest.to_json().startswith('{\n  "version": 2,\n  "instance_id": "k7p9m2xq",\n')


def test_round_trip() -> None:
    manifest = manifest_for(C, status=InstanceStatus.CRASHED, last_attach_outcome="crashed")
    assert InstanceManifest.from_json(manifest.to_json()) == manifest


def test_reads_the_reference_file_and_keeps_unknown_fields() -> None:
    manifest = InstanceManifest.from_json(REFERENCE_MANIFEST)
    assert manifest.workspace_name is None
    assert manifest.display_name == "Agent Smith"
    assert manifest.status is InstanceStatus.PRESERVED_DIRTY
    assert manifest.updated_at == dt.datetime(2026, 1, 2, 3, 10, tzinfo=dt.UTC)
    assert manifest.docker == InstanceDockerNames(
        role_container=C, network=f"{C}-net", dind_container=None, certs_volume=None
    )
    assert manifest.dind_enabled is False
    assert manifest.mounts == ()
    assert set(manifest.extra) == {"backend"}

    rewritten = json.loads(manifest.to_json())
    original = json.loads(REFERENCE_MANIFEST)
    assert {k: v for k, v in rewritten.items() if k not in {"dind_enabled", "mounts"}} == original
    assert list(rewritten)[-1] == "backend"


def test_optional_reference_fields_default_when_absent() -> None:
    document = json.loads(REFERENCE_MANIFEST)
    for key in ("sessions", "role_git_sha", "base_image_ref", "supported_agents", "backend"):
        del document[key]
    manifest = InstanceManifest.from_json(json.dumps(document))
    assert manifest.sessions == ()
    assert manifest.role_git_sha is None
    assert manifest.supported_agents == ()


def test_timestamps_are_utc_seconds() -> None:
    local = dt.datetime(2026, 1, 2, 5, 4, 5, 999, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    manifest = manifest_for(C, created_at=local)
    assert manifest.created_at == START
    assert json.loads(manifest.to_json())["created_at"] == "2026-01-02T03:04:05Z"
    with pytest.raises(ValueError, match="no time zone"):
        manifest_for(C, created_at=dt.datetime(2026, 1, 1))


def test_with_status_moves_updated_at() -> None:
    later = START + dt.timedelta(minutes=5)
    manifest = manifest_for(C).with_status(
        InstanceStatus.RUNNING, now=later, last_attach_outcome="attached"
    )
    assert (manifest.status, manifest.updated_at, manifest.created_at) == (
        InstanceStatus.RUNNING,
        later,
        START,
    )
    assert manifest.last_attach_outcome == "attached"
    assert manifest.with_status(InstanceStatus.CRASHED).last_attach_outcome == "attached"


def test_index_row() -> None:
    row = manifest_for(C, status=InstanceStatus.RUNNING).index_row()
    assert row == IndexRow(
        instance_id="k7p9m2xq",
        container_base=C,
        workspace_name="proj",
        workspace_label="proj",
        workdir="/workspace/proj",
        role_key="agent-smith",
        agent_runtime="claude",
        status=InstanceStatus.RUNNING,
        updated_at=START,
    )


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"status": "sleeping"}, "status", "unknown value 'sleeping'"),
        ({"version": 3}, "version", "unsupported instance manifest version 3"),
        ({"workdir": 7}, "workdir", "must be a string"),
        ({"created_at": "yesterday"}, "created_at", "not an RFC 3339 timestamp"),
        ({"created_at": "2026-01-02T03:04:05"}, "created_at", "not an RFC 3339 timestamp"),
        ({"docker": {"network": "n"}}, "docker.role_container", "missing"),
        ({"dind_enabled": "yes"}, "dind_enabled", "true or false"),
        ({"mounts": ["a"]}, "mounts", "list of objects"),
    ],
)
def test_corrupt_fields_name_file_and_field(
    change: dict[str, object], field: str, problem: str
) -> None:
    document = json.loads(REFERENCE_MANIFEST) | change
    source = Path("/data/jk-x/.jackin/instance.json")
    with pytest.raises(InstanceFileError) as caught:
        InstanceManifest.from_json(json.dumps(document), source=source)
    assert caught.value.path == source
    assert caught.value.field == field
    assert problem in str(caught.value)
    assert str(caught.value).startswith(f"{source}, field `{field}`:")


@pytest.mark.parametrize("text", ["", "{", "[]", "null"])
def test_unparseable_manifest(text: str) -> None:
    with pytest.raises(InstanceFileError, match="corrupt instance manifest"):
        InstanceManifest.from_json(text, source=Path("/x/instance.json"))


def test_missing_required_field() -> None:
    document = json.loads(REFERENCE_MANIFEST)
    del document["role_key"]
    with pytest.raises(InstanceFileError, match="missing") as caught:
        InstanceManifest.from_json(json.dumps(document))
    assert caught.value.field == "role_key"


def test_docker_names_for_container() -> None:
    assert InstanceDockerNames.for_container(C, dind=False) == InstanceDockerNames(
        role_container=C, network=f"{C}-net"
    )
    assert InstanceDockerNames.for_container(C, dind=True).dind_container == f"{C}-dind"


def test_instance_id_defaults_from_the_name() -> None:
    assert manifest_for("jk-abcdefgh-role").instance_id == "abcdefgh"
    assert dataclasses.replace(manifest_for(C), instance_id="other").instance_id == "other"


def test_host_path_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    fingerprint = host_path_fingerprint(tmp_path / "link")
    assert fingerprint == host_path_fingerprint(str(tmp_path / "real"))
    assert fingerprint.startswith("sha256:")
    assert len(fingerprint) == len("sha256:") + 64
    assert host_path_fingerprint("/does/not/exist") != fingerprint


def test_new_manifest_for_a_launch(tmp_path: Path) -> None:
    manifest = InstanceManifest.new(
        C,
        workspace_name=None,
        workspace_label=str(tmp_path),
        workdir=str(tmp_path),
        role_key="chainargos/agent-smith",
        display_name="Agent Smith",
        agent_runtime="claude",
        role_source_git="https://example.invalid/role.git",
        supported_agents=["claude", "codex"],
        dind_enabled=True,
        mounts=[{"src": str(tmp_path), "dst": "/workspace"}],
        now=START,
    )
    assert manifest.instance_id == "k7p9m2xq"
    assert manifest.status is InstanceStatus.ACTIVE
    assert manifest.created_at == manifest.updated_at == START
    assert manifest.host_workdir_fingerprint == host_path_fingerprint(tmp_path)
    assert manifest.docker == InstanceDockerNames.for_container(C, dind=True)
    assert manifest.supported_agents == ("claude", "codex")
    assert manifest.image_tag == ""

    built = manifest.with_image("jk_agent-smith:abc1234", "jk_agent-smith__base:abc1234")
    assert (built.image_tag, built.base_image_ref) == (
        "jk_agent-smith:abc1234",
        "jk_agent-smith__base:abc1234",
    )
    assert built.updated_at == manifest.updated_at
    assert built.with_image("other").base_image_ref == "jk_agent-smith__base:abc1234"
