"""The exported JSON Schemas: kept in sync, accept every shipped file, reject what validate rejects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from conftest import ROOT
from zwgk_cli.authoring.json_schema import DOMAIN_SCHEMA, SETTINGS_SCHEMA, schema_files
from zwgk_cli.check.pipeline import check_catalogue

SHIPPED = ROOT / "catalogues"
SCHEMAS = ROOT / "schemas"


def yaml_data(path: Path) -> Any:
    """Plain data as JSON sees it (YAML 1.2; dates stay text, as the editor's language server reads them)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)  # type: ignore[assignment]
    data = yaml.load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.fixture(scope="module")
def exported() -> dict[str, dict[str, Any]]:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    return {name: json.loads(data) for name, data in schema_files(result.catalogue.settings).items()}


def test_schemas_folder_is_up_to_date() -> None:
    result = check_catalogue(SHIPPED)
    assert result.catalogue is not None
    for name, data in schema_files(result.catalogue.settings).items():
        assert (SCHEMAS / name).read_bytes() == data, (
            f"schemas/{name} is out of date: run zwgk schema catalogues"
        )


def test_schemas_are_valid_draft_2020_12(exported: dict[str, dict[str, Any]]) -> None:
    for schema in exported.values():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_field_has_a_chinese_title_and_description(exported: dict[str, dict[str, Any]]) -> None:
    for schema in exported.values():
        for node in [schema, *schema.get("$defs", {}).values()]:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in node["title"]), node["title"]
            for key, prop in node["properties"].items():
                assert any("\u4e00" <= ch <= "\u9fff" for ch in prop.get("title", "")), key
                assert prop.get("description"), key


def test_shipped_files_carry_the_modeline_and_pass() -> None:
    domain = Draft202012Validator(json.loads((SCHEMAS / DOMAIN_SCHEMA).read_text(encoding="utf-8")))
    settings = Draft202012Validator(json.loads((SCHEMAS / SETTINGS_SCHEMA).read_text(encoding="utf-8")))
    files = sorted(SHIPPED.glob("*.yaml"))
    assert len(files) == 27
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        validator = settings if path.name == "zwgk.yaml" else domain
        expected = SETTINGS_SCHEMA if path.name == "zwgk.yaml" else DOMAIN_SCHEMA
        assert first == f"# yaml-language-server: $schema=../schemas/{expected}", path.name
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml_data(path))]
        assert errors == [], path.name


def domain_example() -> dict[str, Any]:
    """A shipped domain with its own (增补) items only: an item without claims needs every field."""
    data: dict[str, Any] = yaml_data(SHIPPED / "jycy.yaml")
    data["items"] = [item for item in data["items"] if "claims" not in item]
    data.pop("declines", None)
    assert data["items"]
    return data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(unknown_key=1), []),
        (lambda d: d["items"][0].update(mode=["主动公开"]), ["items", 0, "mode", 0]),
        (lambda d: d["items"][0].update(channels=["微信群"]), ["items", 0, "channels", 0]),
        (lambda d: d["items"][0].update(levels=["县级"]), ["items", 0, "levels", 0]),
        (lambda d: d["items"][0].update(id=1), ["items", 0, "id"]),
        (lambda d: d["items"][0].pop("basis"), ["items", 0]),
        (lambda d: d["items"][0].update(basis=[]), ["items", 0, "basis"]),
        (lambda d: d["items"][0].update(subject="县民政局"), ["items", 0, "subject"]),
        (lambda d: d["items"][0].update(subject={"县级": "区民政局"}), ["items", 0, "subject"]),
        (lambda d: d["items"][0].update(audience=["群众"]), ["items", 0, "audience", 0]),
        (lambda d: d.update(lead="区民政部门"), ["lead"]),
        (lambda d: d.update(domain="社会救济"), ["domain"]),
        (lambda d: d.update(order=27), ["order"]),
        (
            lambda d: d["items"][0].update(waivers=[{"code": "field-value", "reason": "x"}]),
            ["items", 0, "waivers", 0, "code"],
        ),
        (lambda d: d["items"][0].update(extra="x"), ["items", 0]),
    ],
)
def test_main_invalid_shapes_are_rejected(change: Any, where: list[Any]) -> None:
    validator = Draft202012Validator(json.loads((SCHEMAS / DOMAIN_SCHEMA).read_text(encoding="utf-8")))
    data = domain_example()
    assert list(validator.iter_errors(data)) == []
    change(data)
    paths = [list(e.absolute_path) for e in validator.iter_errors(data)]
    assert where in paths, paths


def test_subject_accepts_units_groups_and_level_maps() -> None:
    validator = Draft202012Validator(json.loads((SCHEMAS / DOMAIN_SCHEMA).read_text(encoding="utf-8")))
    data = domain_example()
    for subject in (
        "区民政局",
        "区民政局、各镇人民政府（街道办事处）",
        "龙溪街道办事处",
        {"区级": "区民政局", "镇街": "各镇人民政府（街道办事处）"},
    ):
        data["items"][0]["subject"] = subject
        assert list(validator.iter_errors(data)) == [], subject


def test_settings_schema_rejects_bad_settings() -> None:
    validator = Draft202012Validator(json.loads((SCHEMAS / SETTINGS_SCHEMA).read_text(encoding="utf-8")))
    data = yaml_data(SHIPPED / "zwgk.yaml")
    assert list(validator.iter_errors(data)) == []
    data["units"][0]["kind"] = "区部门"
    data["schema_version"] = 2
    paths = [list(e.absolute_path) for e in validator.iter_errors(data)]
    assert ["units", 0, "kind"] in paths
    assert ["schema_version"] in paths


def test_cli_writes_and_checks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from zwgk_cli.cli.app import app

    runner = CliRunner()
    out = tmp_path / "schemas"
    result = runner.invoke(app, ["schema", str(SHIPPED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / DOMAIN_SCHEMA).read_bytes() == (SCHEMAS / DOMAIN_SCHEMA).read_bytes()
    assert runner.invoke(app, ["schema", str(SHIPPED), "-o", str(out), "--check"]).exit_code == 0
    (out / DOMAIN_SCHEMA).write_text("{}", encoding="utf-8")
    stale = runner.invoke(app, ["schema", str(SHIPPED), "-o", str(out), "--check"])
    assert stale.exit_code == 1
    assert "已过期" in stale.output
    assert runner.invoke(app, ["schema", str(tmp_path / "none")]).exit_code == 2
