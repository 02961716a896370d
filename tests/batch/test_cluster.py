"""A real Dask cluster: a scheduler and two workers as separate processes (as separate machines would be),
`python -m toolkit batch --scheduler` over a shared output folder, one worker killed (SIGKILL) in the middle
of an organisation; every organisation must be done once and whole."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT
from toolkit.batch.jobs import load_jobs

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_province  # noqa: E402

pytestmark = pytest.mark.slow

N = 6
PRELOAD = Path(__file__).with_name("cluster_preload.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, procs=()):
    """Poll until ``predicate()`` is truthy; fail naming what never happened (and any process that died)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        for name, p in procs:
            assert p.poll() is None, f"{name} exited early ({p.returncode}) while waiting for {what}"
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture
def cluster(tmp_path):
    """Scheduler and two workers, each in its own process group; every group is killed at the end."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           "PYTHAINLP_OFFLINE": "1", "ITA_TEST_MARKS": str(marks), "ITA_TEST_PAUSE": "0.5",
           "DASK_DISTRIBUTED__SCHEDULER__WORK_STEALING": "False"}
    procs: dict[str, subprocess.Popen] = {}
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(name: str, cmd: list[str]) -> subprocess.Popen:
        log = open(logs / f"{name}.log", "wb")
        procs[name] = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)  # its own process group: killed as a machine
        return procs[name]

    try:
        start("scheduler", [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                            "--port", str(port), "--no-dashboard"])
        for name in ("victim", "survivor"):
            start(name, [sys.executable, "-m", "distributed.cli.dask_worker", address, "--name", name,
                         "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard", "--death-timeout", "60",
                         "--local-directory", str(tmp_path / f"dask-{name}"), "--preload", str(PRELOAD)])
        yield {"address": address, "procs": procs, "env": env, "marks": marks, "logs": logs}
    finally:
        for p in procs.values():
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(timeout=10)


def workers_ready(address: str) -> bool:
    """Both workers registered with the scheduler (asked through a short-lived client)."""
    from distributed import Client

    try:
        with Client(address, timeout=5) as client:
            return len(client.scheduler_info(n_workers=-1)["workers"]) == 2
    except OSError:
        return False


def test_a_killed_worker_leaves_every_organisation_done_once_and_whole(tmp_path, cluster):
    t0 = time.monotonic()
    table = write_province(tmp_path / "province.csv", N, 11)
    out = tmp_path / "shared-out"
    procs = cluster["procs"]
    wait_for(lambda: workers_ready(cluster["address"]), 60, "two workers to join the scheduler",
             [(k, v) for k, v in procs.items()])
    t_ready = time.monotonic()

    batch_log = open(cluster["logs"] / "batch.log", "wb")
    batch = subprocess.Popen([sys.executable, "-m", "toolkit", "batch", str(table), "--fiscal-year", "2569",
                              "--out", str(out), "--formats", "html", "--scheduler", cluster["address"],
                              "--no-summary"], env=cluster["env"], cwd=tmp_path, stdout=batch_log,
                             stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # the middle: one organisation already finished, and the victim has started one it has not finished
        def victim_busy():
            if not list(out.rglob(".ita-done.*.json")):
                return None
            started = sorted(cluster["marks"].glob("victim.*.json"), key=lambda p: int(p.name.split(".")[1]))
            if not started:
                return None
            mark = json.loads(started[-1].read_text(encoding="utf-8"))
            done = [json.loads(p.read_text(encoding="utf-8"))["key"] for p in out.rglob(".ita-done.*.json")]
            return mark if mark["key"] not in done else None

        mark = wait_for(victim_busy, 90, "the victim worker to be in the middle of an organisation",
                        [("batch", batch), ("survivor", procs["survivor"])])
        t_kill = time.monotonic()
        os.killpg(procs["victim"].pid, signal.SIGKILL)
        procs["victim"].wait(timeout=10)
        assert batch.wait(timeout=120) == 0, (cluster["logs"] / "batch.log").read_text(errors="replace")
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
            batch.wait()

    jobs = load_jobs(table, 2569, out, ("html",))
    keys = sorted(j.key for j in jobs)
    manifest = json.loads(next(out.rglob("batch.json")).read_text(encoding="utf-8"))
    entries = manifest["entries"]
    assert sorted(e["key"] for e in entries) == keys  # each organisation exactly once
    assert {e["status"] for e in entries} == {"ok"}, [e.get("error") for e in entries]
    # the organisation in flight on the killed worker was done again by the survivor
    survivor_keys = [json.loads(p.read_text(encoding="utf-8"))["key"] for p in cluster["marks"].glob("survivor.*")]
    assert mark["key"] in survivor_keys
    marks = [json.loads(p.read_text(encoding="utf-8")) for p in cluster["marks"].glob("*.json")]
    rendered = [m["key"] for m in marks if not m["finished_before"]]
    assert sorted(set(rendered)) == keys and len(rendered) <= N + 1  # only the killed job rendered twice
    digests = {e["key"]: e["digest"] for e in entries}
    for job in jobs:  # whole: the completion record, and each file it names complete
        record = json.loads(job.done_file.read_text(encoding="utf-8"))
        assert record["status"] == "ok" and record["digest"] == digests[job.key]
        html = (job.province_dir / record["files"]["html"]).read_bytes()
        assert html.rstrip().endswith(b"</html>") and job.organisation["name"].encode() in html
        assert (job.out_dir / "ita_analysis.review.html").is_file()
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".~")]
    assert not leftovers
    assert len(list(out.rglob("ita_analysis.html"))) == N
    print(f"cluster: workers ready {t_ready - t0:.1f} s, kill at {t_kill - t0:.1f} s, "
          f"all checked at {time.monotonic() - t0:.1f} s")


def test_a_retried_job_is_not_done_twice_and_other_code_is_refused(tmp_path):
    """What a cluster relies on: a job retried in the same run (its worker's result lost) returns the first
    completion without rendering again; a worker whose toolkit differs from the submitter's refuses the job."""
    from toolkit.batch.jobs import toolkit_fingerprint
    from toolkit.batch.worker import run_job

    table = write_province(tmp_path / "province.csv", 1, 3)
    job = load_jobs(table, 2569, tmp_path / "out", ("html",))[0]
    job.run, job.toolkit = "run-1", toolkit_fingerprint()
    first = run_job(job)
    assert first["status"] == "ok" and first["run"] == "run-1"
    html = job.province_dir / first["files"]["html"]
    stamp = html.stat().st_mtime_ns
    again = run_job(job)
    assert again == first and html.stat().st_mtime_ns == stamp  # not rendered twice
    job.run = "run-2"  # another run (e.g. --force) renders again
    assert run_job(job)["run"] == "run-2" and html.stat().st_mtime_ns != stamp

    job.toolkit = "0" * 64
    refused = run_job(job)
    assert refused["status"] == "failed"
    assert "same version on every machine" in refused["error"]["en"] and "รุ่นเดียวกัน" in refused["error"]["th"]
