"""Every service in services/ is in the image, docker-compose.yml and the Kubernetes manifests, with
probes, hardening, a NetworkPolicy and its migration step, so that a new service cannot be forgotten.
A service with a migrations/ folder has a database, a migration step and a worker; the gateway has none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists())
WITH_DATABASE = [name for name in SERVICES if (ROOT / "services" / name / "migrations").is_dir()]


def kinds(resources: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


def pod_spec(resource: dict[str, Any]) -> dict[str, Any]:
    return resource["spec"]["template"]["spec"]


def test_there_are_services_to_check():
    assert {"gateway", "identity"} <= set(SERVICES)
    assert "gateway" not in WITH_DATABASE


@pytest.mark.parametrize("name", SERVICES)
def test_the_image_installs_the_service_and_carries_its_migrations(name):
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert f"./services/{name}" in dockerfile
    if name in WITH_DATABASE:
        assert f"COPY services/{name}/migrations/ /app/migrations/{name}/" in dockerfile
        assert f"{name.upper()}_MIGRATIONS_DIR=/app/migrations/{name}" in dockerfile


@pytest.mark.parametrize("name", SERVICES)
def test_compose_runs_the_service_after_its_migrations(compose, name):
    services = compose["services"]
    web = services[name]

    assert web["command"] == ["gunicorn", f"{name}.app:create_app()"]
    assert web["read_only"] is True and web["cap_drop"] == ["ALL"]
    if name in WITH_DATABASE:
        assert services[f"{name}-migrate"]["command"] == ["python", "-m", name, "migrate"]
        assert web["depends_on"][f"{name}-migrate"] == {"condition": "service_completed_successfully"}
        worker = services[f"{name}-worker"]
        assert worker["command"] == ["python", "-m", f"{name}.worker"]
        assert worker["depends_on"][f"{name}-migrate"] == {"condition": "service_completed_successfully"}
        assert f"/{name}" in web["environment"]["DATABASE_URL"]
        assert name in services["postgres"]["environment"]["PORTAL_DATABASES"].split()
    if name != "gateway":
        assert services["gateway"]["depends_on"][name] == {"condition": "service_healthy"}


def test_compose_publishes_only_the_gateway_to_every_interface(compose):
    published = {name: ports for name, service in compose["services"].items() if (ports := service.get("ports"))}
    open_to_all = [name for name, ports in published.items() for port in ports if not port.startswith("127.0.0.1:")]

    assert open_to_all == ["gateway"]


@pytest.mark.parametrize("name", SERVICES)
def test_kubernetes_runs_the_service_with_probes_and_hardening(rendered, name):
    for overlay, resources in rendered.items():
        deployment = kinds(resources, "Deployment")[name]
        container = pod_spec(deployment)["containers"][0]

        assert container["command"] == ["gunicorn", f"{name}.app:create_app()"], overlay
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
        assert container["resources"]["requests"] and container["resources"]["limits"]["memory"]
        assert kinds(resources, "Service")[name]["spec"]["selector"]["app.kubernetes.io/name"] == name
        assert kinds(resources, "HorizontalPodAutoscaler")[name]["spec"]["scaleTargetRef"]["name"] == name
        assert kinds(resources, "PodDisruptionBudget")[name]
        assert kinds(resources, "ServiceAccount")[name]["automountServiceAccountToken"] is False
        assert kinds(resources, "ServiceMonitor")[name]["spec"]["endpoints"][0]["path"] == "/metrics"
        policy = kinds(resources, "NetworkPolicy")[name]
        assert policy["spec"]["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": name}
        assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}


@pytest.mark.parametrize("name", SERVICES)
def test_kubernetes_migrates_the_database_and_runs_the_worker(rendered, name):
    for resources in rendered.values():
        jobs, deployments = kinds(resources, "Job"), kinds(resources, "Deployment")
        databases = kinds(resources, "Cluster")
        if name not in WITH_DATABASE:
            assert f"{name}-migrate" not in jobs and f"{name}-worker" not in deployments
            continue
        assert pod_spec(jobs[f"{name}-migrate"])["containers"][0]["command"] == ["python", "-m", name, "migrate"]
        worker = pod_spec(deployments[f"{name}-worker"])["containers"][0]
        assert worker["command"] == ["python", "-m", f"{name}.worker"]
        assert worker["livenessProbe"]["httpGet"]["path"] == "/metrics"
        assert databases[f"{name}-db"]["spec"]["bootstrap"]["initdb"] == {"database": name, "owner": name}
        assert f"{name}-worker" in kinds(resources, "ServiceMonitor")


def test_every_portal_pod_is_locked_down(rendered):
    for resources in rendered.values():
        workloads = [r for r in resources if r["kind"] in {"Deployment", "Job"}]
        assert workloads
        for workload in workloads:
            spec = pod_spec(workload)
            where = f"{workload['kind']}/{workload['metadata']['name']}"
            assert spec["automountServiceAccountToken"] is False, where
            assert spec["securityContext"]["runAsNonRoot"] is True, where
            assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, where
            assert {"name": "tmp", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}} in spec["volumes"], where
            for container in spec["containers"]:
                context = container["securityContext"]
                assert context["readOnlyRootFilesystem"] is True, where
                assert context["allowPrivilegeEscalation"] is False, where
                assert context["capabilities"] == {"drop": ["ALL"]}, where


def test_only_the_gateway_is_reachable_from_outside(rendered):
    for resources in rendered.values():
        policies = kinds(resources, "NetworkPolicy")
        assert policies["default-deny"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
        from_ingress_controller = [
            name
            for name, policy in policies.items()
            for rule in policy["spec"].get("ingress", [])
            for peer in rule["from"]
            if peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
            == "ingress-nginx"
        ]
        assert from_ingress_controller == ["gateway"]
        ingress = kinds(resources, "Ingress")["portal"]["spec"]
        assert ingress["tls"] and ingress["tls"][0]["secretName"]
        backends = {path["backend"]["service"]["name"] for rule in ingress["rules"] for path in rule["http"]["paths"]}
        assert backends == {"gateway"}
