"""``resparse serve`` over HTTP: the real server in a subprocess on a free loopback port.

Every sample format answers the JSON ``resparse extract`` prints; an archive, the JSON Lines of
``resparse batch``; each refusal its status and one line; the token is required.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from hostile_files import PNG_HEAD, overlapping_zip, zip_bytes  # noqa: E402

from bench.serve import RESPARSE, Running, hostile_jobs, reference, running, serve_command  # noqa: E402
from support import SAMPLES  # noqa: E402

TOKEN = "s3cret-token"
MAX_FILE_MB = 4
FORMATS = sorted(SAMPLES.glob("000_*"))


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry of the text samples, as ``resparse registry build`` makes it."""
    db = tmp_path_factory.mktemp("registry") / "region.sqlite"
    texts = [str(path) for path in sorted(SAMPLES.glob("00?_*.txt"))]
    subprocess.run([*RESPARSE, "registry", "build", *texts, "--db", str(db), "-q"], check=True, timeout=300)
    return db


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, registry: Path) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("serve")
    (folder / "token").write_text(TOKEN + "\n")
    options = ["-j", "2", "--token-file", str(folder / "token"), "--max-file-mb", str(MAX_FILE_MB)]
    with running(serve_command([*options, "--db", str(registry)]), folder) as started:
        yield started


@pytest.fixture(scope="module")
def client(server: Running) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=120) as opened:
        yield opened


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    return reference(FORMATS)


def post(client: httpx.Client, route: str, name: str, data: bytes, **params: str) -> httpx.Response:
    return client.post(route, files={"file": (name, data)}, params=params)


@pytest.mark.parametrize("path", FORMATS, ids=lambda path: path.name.split(".", 1)[1])
def test_each_sample_format_answers_what_extract_prints(
    client: httpx.Client, expected: dict[str, str], path: Path
) -> None:
    response = post(client, "/v1/extract", path.name, path.read_bytes())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == expected[path.name]


def test_yaml_is_the_same_document(client: httpx.Client, expected: dict[str, str]) -> None:
    import yaml

    path = SAMPLES / "000_858972ccd0d0de21.docx"
    response = post(client, "/v1/extract", path.name, path.read_bytes(), format="yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.text) == json.loads(expected[path.name])


def test_a_raw_body_named_by_the_query_is_read_too(client: httpx.Client, expected: dict[str, str]) -> None:
    path = SAMPLES / "000_858972ccd0d0de21.txt"
    response = client.post("/v1/extract", content=path.read_bytes(), params={"name": f"../../{path.name}"})
    assert response.status_code == 200
    assert response.text == expected[path.name]  # the name is a label: its last segment only


def archives() -> dict[str, bytes]:
    members = [(f"docs/{p.name}", p.read_bytes()) for p in SAMPLES.glob("00[12]_*")]
    return {
        "samples": zip_bytes([*members, ("docs/picture.png", PNG_HEAD), ("../escape.txt", b"")]),
        "bomb": overlapping_zip(5000, b"x" * 1_000_000),
        "nested": zip_bytes([("inner.zip", zip_bytes(members[:2])), ("a.txt", TEXT)]),
    }


TEXT = (SAMPLES / "001_6d517112406bb0e7.txt").read_bytes()


@pytest.mark.parametrize("kind", ["samples", "bomb", "nested"])
def test_an_archive_answers_the_json_lines_of_batch(client: httpx.Client, tmp_path: Path, kind: str) -> None:
    archive = archives()[kind]
    (tmp_path / "archive.zip").write_bytes(archive)
    subprocess.run(
        [*RESPARSE, "batch", "archive.zip", "-o", "out.jsonl", "-q"],
        cwd=tmp_path,
        timeout=300,
    )
    response = post(client, "/v1/batch", "archive.zip", archive)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = response.text.splitlines(keepends=True)
    documents = [line for line in lines if '"schema_version"' in line]
    failures = [line for line in lines if line not in documents]
    out, failed = tmp_path / "out.jsonl", tmp_path / "out.failures.jsonl"
    assert "".join(documents) == (out.read_text(encoding="utf-8") if out.exists() else "")
    # batch lists failures as they happen; the stream has them in the archive's order
    batch_failures = failed.read_text(encoding="utf-8").splitlines(keepends=True) if failed.exists() else []
    assert sorted(failures) == sorted(batch_failures)
    assert lines


@pytest.mark.parametrize("job", hostile_jobs(), ids=lambda job: job.name)
def test_a_hostile_file_is_refused_with_one_line(client: httpx.Client, job) -> None:
    response = post(client, "/v1/extract", job.name, job.data)
    assert response.status_code == job.status
    body = response.json()
    assert list(body) == ["error"] and "\n" not in body["error"] and "Traceback" not in body["error"]


def test_an_archive_sent_to_extract_is_refused(client: httpx.Client) -> None:
    response = post(client, "/v1/extract", "a.zip", zip_bytes([("a.txt", b"text")]))
    assert response.status_code == 415
    assert "/v1/batch" in response.json()["error"]


def test_a_file_past_max_file_mb_is_413(client: httpx.Client) -> None:
    big = "Текст документа. ".encode() * (MAX_FILE_MB * 2**20 // 20)
    response = post(client, "/v1/extract", "big.txt", big)
    assert response.status_code == 413
    assert f"{MAX_FILE_MB} MB" in response.json()["error"]


def test_the_token_is_required_everywhere_but_health(server: Running) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as anonymous:
        assert anonymous.get("/health").status_code == 200
        for method, route in (("GET", "/v1/schema"), ("GET", "/docs"), ("POST", "/v1/extract")):
            response = anonymous.request(method, route)
            assert response.status_code == 401, route
            assert response.json() == {"error": "missing or wrong token"}
        wrong = anonymous.get("/v1/schema", headers={"Authorization": f"Bearer {TOKEN}x"})
        assert wrong.status_code == 401


def test_schema_and_openapi_come_from_the_models(client: httpx.Client) -> None:
    from resparse.emit import schema

    assert client.get("/v1/schema").json() == schema()
    openapi = client.get("/openapi.json").json()
    assert "Document" in openapi["components"]["schemas"]
    assert "/v1/extract" in openapi["paths"] and "/v1/batch" in openapi["paths"]
    assert client.get("/docs").status_code == 200


def test_the_log_has_one_line_per_request_with_the_reason(client: httpx.Client, server: Running) -> None:
    post(client, "/v1/extract", "picture.png", PNG_HEAD)
    client.get("/health")
    lines = server.log().splitlines()
    refused = [line for line in lines if "POST /v1/extract 415" in line]
    assert refused and "looks like PNG image" in refused[-1]
    assert any("GET /health 200" in line for line in lines)
    assert not any("Traceback" in line for line in lines)


def test_a_broken_multipart_body_is_400(client: httpx.Client) -> None:
    response = client.post("/v1/extract", files={"other": ("a.txt", b"text")})
    assert response.status_code == 400
    assert "'file'" in response.json()["error"]
    garbage = b"--xyz\r\nContent-Disposition form-data without a colon\r\n\r\ntext\r\n--xyz--\r\n"
    response = client.post(
        "/v1/extract", content=garbage, headers={"content-type": "multipart/form-data; boundary=xyz"}
    )
    assert response.status_code == 400 and list(response.json()) == ["error"]


def test_an_unusable_token_file_is_a_usage_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from resparse.cli import app

    (tmp_path / "empty").write_text("\n")
    for path, reason in (
        (tmp_path / "missing", "cannot read the token file"),
        (tmp_path / "empty", "is empty"),
    ):
        result = CliRunner().invoke(app, ["serve", "--token-file", str(path)])
        assert result.exit_code == 2
        assert reason in result.output


def registry_list(db: Path, *options: str) -> list[dict]:
    """What ``resparse registry list -f jsonl`` prints, as rows."""
    found = subprocess.run(
        [*RESPARSE, "registry", "list", "--db", str(db), "-f", "jsonl", *options],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return [json.loads(line) for line in found.stdout.decode().splitlines()]


@pytest.mark.parametrize(
    ("params", "options"),
    [
        ({"as_of": "2024-06-01"}, ["--as-of", "2024-06-01"]),
        ({"overdue": "true", "as_of": "2024-06-01"}, ["--overdue", "--as-of", "2024-06-01"]),
        (
            {"status": "open,due-soon", "as_of": "2023-01-01"},
            ["--status", "open,due-soon", "--as-of", "2023-01-01"],
        ),
    ],
)
def test_obligations_are_the_rows_registry_list_shows(
    client: httpx.Client, registry: Path, params: dict, options: list[str]
) -> None:
    before = registry.read_bytes()
    response = client.get("/v1/obligations", params={**params, "limit": 1000})
    assert response.status_code == 200
    page = response.json()
    assert page["items"] == registry_list(registry, *options)
    assert page["items"] and page["next"] is None
    assert registry.read_bytes() == before  # read-only


def test_obligations_come_in_pages(client: httpx.Client, registry: Path) -> None:
    everything = registry_list(registry, "--as-of", "2024-06-01")
    rows, offset, pages = [], 0, 0
    while offset is not None and pages < 100:
        page = client.get(
            "/v1/obligations", params={"as_of": "2024-06-01", "limit": 10, "offset": offset}
        ).json()
        rows += page["items"]
        offset, pages = page["next"], pages + 1
    assert rows == everything and pages == -(-len(everything) // 10)


def test_obligations_refuse_a_bad_filter_with_one_line(client: httpx.Client) -> None:
    for params in ({"status": "late"}, {"search": '"unbalanced'}, {"limit": "0"}, {"as_of": "someday"}):
        response = client.get("/v1/obligations", params=params)
        assert response.status_code == 400, params
        assert list(response.json()) == ["error"]


def test_obligations_of_one_addressee(client: httpx.Client, registry: Path) -> None:
    name = next(row["organisation"] for row in registry_list(registry) if row["organisation"])
    response = client.get("/v1/obligations", params={"addressee": name, "as_of": "2024-06-01"})
    expected = registry_list(registry, "--addressee", name, "--as-of", "2024-06-01")
    assert response.json()["items"] == expected[:100] and expected
