#!/usr/bin/env python3
"""The side-by-side comparison of issue 15, in one run, on one machine, on one throwaway cluster.

1. builds `competence` in release mode (unless --no-build);
2. starts a throwaway PostgreSQL cluster (fsync on, synchronous_commit on: the defaults; `initdb` and
   `pg_ctl` as the `postgres` user when run as root) on a free port, and stops and deletes it at the end;
3. runs `competence bench --json` for the PostgreSQL store (on that cluster) and for the file store;
4. runs both peers from the shared peers directory (`py_eventsourcing_bench.py` on the same cluster,
   `py_eventsourcing_sqlite_bench.py` on a file), installing `eventsourcing[postgres]==9.5.6` into a
   virtual environment under `.build/` when it is missing;
5. prints the machine, the load, every figure, and every ratio of the issue's tables with its goal, as
   Markdown (the text `Docs/Performance.md` records).

Usage: Benchmarks/compare-with-peer.py [--events N] [--peer-events N] [--peers DIR] [--no-build]
Only ratios from one run count: absolute figures move from day to day on shared machines.
"""
import argparse
import datetime
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEER_PACKAGE = "eventsourcing[postgres]==9.5.6"


def log(message):
    print(f"# {message}", file=sys.stderr, flush=True)


def run(command, **options):
    log(" ".join(command))
    return subprocess.run(command, check=True, text=True, **options)


def output(command, **options):
    return subprocess.run(command, check=True, text=True, stdout=subprocess.PIPE, **options).stdout


def as_postgres(command):
    """PostgreSQL refuses to run as root: drop to the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


def postgres_bin(tool):
    for version in sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: -int(v) if v.isdigit() else 0):
        path = f"/usr/lib/postgresql/{version}/bin/{tool}"
        if os.access(path, os.X_OK):
            return path
    found = shutil.which(tool)
    if not found:
        sys.exit(f"{tool} not found: install PostgreSQL (apt-get install postgresql)")
    return found


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throwaway durable cluster: initdb, start on a free port, stop and delete."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="competence-compare-")
        self.data = os.path.join(self.directory, "data")
        self.port = free_port()
        os.chmod(self.directory, 0o755)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)
        run(as_postgres([postgres_bin("initdb"), "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                         "--locale=C"]), stdout=subprocess.DEVNULL)
        options = (f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB "
                   "-c max_connections=100")
        run(as_postgres([postgres_bin("pg_ctl"), "-D", self.data, "-l", os.path.join(self.directory, "server.log"),
                         "-o", options, "-w", "-t", "120", "start"]), stdout=subprocess.DEVNULL)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres?sslmode=disable"

    def fdatasync_microseconds(self):
        """One fdatasync of an 8 kB write on the cluster's disk, as pg_test_fsync measures it."""
        try:
            text = output(as_postgres([postgres_bin("pg_test_fsync"), "-s", "2", "-f",
                                       os.path.join(self.directory, "fsync.test")]))
        except subprocess.CalledProcessError:
            return None
        for line in text.splitlines():
            if "fdatasync" in line and "usecs/op" in line:
                return float(line.split()[-2])
        return None

    def stop(self):
        subprocess.run(as_postgres([postgres_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.directory, ignore_errors=True)


def peer_python():
    """A virtual environment with the peer installed (created under .build/ when missing)."""
    venv = os.path.join(ROOT, ".build", "peer-venv")
    python = os.path.join(venv, "bin", "python")
    probe = [python, "-c", "import eventsourcing.postgres, eventsourcing.sqlite"]
    if os.access(python, os.X_OK) and subprocess.run(probe, stderr=subprocess.DEVNULL).returncode == 0:
        return python
    run([sys.executable, "-m", "venv", venv])
    run([python, "-m", "pip", "install", "--quiet", PEER_PACKAGE])
    run(probe)
    return python


def peers_directory(given):
    candidates = [given, os.environ.get("COMPETENCE_PEERS"), os.path.join(ROOT, "..", "shared", "peers"),
                  os.path.join(ROOT, "..", "..", "shared", "peers"), "/work/shared/peers"]
    for candidate in candidates:
        if candidate and os.path.exists(os.path.join(candidate, "py_eventsourcing_bench.py")):
            return os.path.abspath(candidate)
    sys.exit("the peers (py_eventsourcing_bench.py) were not found; pass --peers DIR")


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": output(["nproc"]).strip(),
        "cpu": model,
        "free": output(["free", "-g"]).rstrip(),
        "load": output(["uptime"]).strip(),
        "kernel": output(["uname", "-r"]).strip(),
    }


# Only the cases the tables below read: the bench's other cases (the realistic-programme ones of issue 16
# among them) would make one comparison take half an hour without adding a ratio.
POSTGRES_CASES = ["append-single-1-task", "append-single-16-tasks", "append-batch-100", "import-200k",
                  "copy-raw-200k", "replay", "replay-compact",
                  # The floors: the same work with none of the store's, on the same cluster in the same run.
                  "floor-insert-1-task", "floor-insert-16-tasks", "copy-raw-batch-100", "replay-undecoded"]
FILE_CASES = ["append-single-1-task", "append-single-16-tasks", "append-batch-100", "replay-1m"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000, help="events in the replay cases (bench --events)")
    parser.add_argument("--peer-events", type=int, default=100_000, help="events the peers append and replay")
    parser.add_argument("--peers", help="directory holding the peer scripts")
    parser.add_argument("--no-build", action="store_true", help="use the release build as it is")
    arguments = parser.parse_args()

    before = machine()
    scratch = os.path.join(ROOT, ".build-release")
    if not arguments.no_build:
        run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "competence"], cwd=ROOT)
    competence = os.path.join(scratch, "release", "competence")
    peers = peers_directory(arguments.peers)
    python = peer_python()

    cluster = Cluster()
    work = tempfile.mkdtemp(prefix="competence-compare-work-")
    try:
        fsync = cluster.fdatasync_microseconds()
        ours_pg = json_lines(output([competence, "bench", "--json", "--events", str(arguments.events),
                                     "--store", cluster.url, "--cases", *POSTGRES_CASES]))
        ours_file = json_lines(output([competence, "bench", "--json", "--events", str(arguments.events),
                                       "--cases", *FILE_CASES], cwd=work))
        peer_pg = json_lines(output([python, os.path.join(peers, "py_eventsourcing_bench.py"), "127.0.0.1",
                                     str(cluster.port), str(arguments.peer_events)]))
        peer_file = json_lines(output([python, os.path.join(peers, "py_eventsourcing_sqlite_bench.py"),
                                       os.path.join(work, "peer.sqlite"), str(arguments.peer_events)]))
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    after = machine()
    report(arguments, before, after, fsync, ours_pg, ours_file, peer_pg, peer_file)


def rate(rows, case):
    for row in rows:
        if row.get("case") == case:
            return row["events_per_second"]
    return None


def number(value):
    if value is None:
        return "—"
    return f"{value:,.0f}"


def ratio(ours, theirs):
    return None if not ours or not theirs else ours / theirs


def times(value):
    return "—" if value is None else f"{value:.1f}×"


def verdict(value, goal):
    if value is None:
        return "not measured"
    return "met" if value >= goal else "**not met**"


def report(arguments, before, after, fsync, ours_pg, ours_file, peer_pg, peer_file):
    command = "Benchmarks/compare-with-peer.py " + " ".join(sys.argv[1:])
    print(f"## Side by side, {before['date']}\n")
    print(f"Command: `{command.strip()}` (bench `--events {arguments.events}`, peers `{arguments.peer_events}`).")
    print(f"Machine: {before['nproc']} cores, {before['cpu']}, kernel {before['kernel']}; "
          f"`fdatasync` of 8 kB on the cluster's disk: {fsync if fsync is not None else '?'} µs.")
    print(f"Load before: `{before['load']}`; after: `{after['load']}`.\n")
    print("```\n" + before["free"] + "\n```\n")

    print("### PostgreSQL: this project against `eventsourcing` 9.5.6 (same cluster, fsync on)\n")
    print("| case | this project (ev/s) | peer (ev/s) | ratio | goal | |")
    print("|---|---:|---:|---:|---:|---|")
    batch = ratio(rate(ours_pg, "append-batch-100"), rate(peer_pg, "append-batch-100"))
    single = ratio(rate(ours_pg, "append-single-1-task"), rate(peer_pg, "append-single"))
    sixteen = rate(ours_pg, "append-single-16-tasks")
    replay = ratio(rate(ours_pg, "replay"), rate(peer_pg, "replay-all"))
    compact = ratio(rate(ours_pg, "replay-compact"), rate(peer_pg, "replay-all"))
    rows = [
        ("batches of 100", rate(ours_pg, "append-batch-100"), rate(peer_pg, "append-batch-100"), batch, 4),
        ("single appends, one task", rate(ours_pg, "append-single-1-task"), rate(peer_pg, "append-single"), single, 4),
        ("replay, jsonb payloads, decoded", rate(ours_pg, "replay"), rate(peer_pg, "replay-all"), replay, 8),
        ("replay, compact payloads, decoded", rate(ours_pg, "replay-compact"), rate(peer_pg, "replay-all"), compact,
         None),
    ]
    for name, ours, theirs, value, goal in rows:
        goal_text = "keep" if goal is None else f"≥ {goal}×"
        state = "" if goal is None else verdict(value, goal)
        print(f"| {name} | {number(ours)} | {number(theirs)} | {times(value)} | {goal_text} | {state} |")
    print(f"| single appends, 16 tasks | {number(sixteen)} | — | — | ≥ 20,000 ev/s | "
          f"{'met' if sixteen and sixteen >= 20_000 else '**not met**'} |")
    imported = rate(ours_pg, "import-200k")
    raw = rate(ours_pg, "copy-raw-200k")
    share = ratio(imported, raw)
    print(f"| 200,000-event import vs raw `COPY` into the same table | {number(imported)} | raw {number(raw)} | "
          f"{'—' if share is None else f'{share * 100:.0f} %'} | ≥ 80 % | "
          f"{verdict(share, 0.8)} |\n")

    print("### What limits each goal: the floors of this cluster, measured in the same run\n")
    print("A floor is the same work with none of the store's: `floor-insert-*` are one-row durable `INSERT`s "
          "of the same JSON into a plain table (one commit each), `copy-raw-batch-100` is one binary `COPY` of "
          "100 rows into the `events` table per commit, `replay-undecoded` reads the same `jsonb` pages and "
          "decodes nothing. A goal above its floor cannot be met by any store that does this work on this "
          "cluster.\n")
    print("| goal | needs (ev/s) | floor (ev/s) | this project (ev/s) | this project / floor | goal / floor |")
    print("|---|---:|---:|---:|---:|---:|")

    def times_peer(case, factor):
        peer = rate(peer_pg, case)
        return None if peer is None else peer * factor

    limits = [
        ("batches of 100 ≥ 4× the peer", times_peer("append-batch-100", 4), rate(ours_pg, "copy-raw-batch-100"),
         rate(ours_pg, "append-batch-100")),
        ("single appends, one task ≥ 4× the peer", times_peer("append-single", 4),
         rate(ours_pg, "floor-insert-1-task"), rate(ours_pg, "append-single-1-task")),
        ("single appends, 16 tasks ≥ 20,000 ev/s", 20_000, rate(ours_pg, "floor-insert-16-tasks"),
         rate(ours_pg, "append-single-16-tasks")),
        ("replay of jsonb ≥ 8× the peer", times_peer("replay-all", 8), rate(ours_pg, "replay-undecoded"),
         rate(ours_pg, "replay")),
    ]
    for name, needed, floor, ours in limits:
        mine, goal = ratio(ours, floor), ratio(needed, floor)
        print(f"| {name} | {number(needed)} | {number(floor)} | {number(ours)} | "
              f"{'—' if mine is None else f'{mine * 100:.0f} %'} | {'—' if goal is None else f'{goal * 100:.0f} %'} |")
    print()

    print("### File store: this project against `eventsourcing` 9.5.6's SQLite recorder\n")
    print("| case | this project (ev/s) | peer (ev/s) | ratio | goal | |")
    print("|---|---:|---:|---:|---:|---|")
    file_rows = [
        ("single appends", rate(ours_file, "append-single-1-task"), rate(peer_file, "append-single")),
        ("batches of 100", rate(ours_file, "append-batch-100"), rate(peer_file, "append-batch-100")),
        ("replay, decoded", rate(ours_file, "replay-1m"), rate(peer_file, "replay-all")),
    ]
    for name, ours, theirs in file_rows:
        print(f"| {name} | {number(ours)} | {number(theirs)} | {times(ratio(ours, theirs))} | — | |")
    group = ratio(rate(ours_file, "append-single-16-tasks"), rate(ours_file, "append-single-1-task"))
    print(f"| 16-task group commit vs one task | {number(rate(ours_file, 'append-single-16-tasks'))} | "
          f"1 task: {number(rate(ours_file, 'append-single-1-task'))} | {times(group)} | ≥ 10× | "
          f"{verdict(group, 10)} |\n")

    print("### Every figure of the run\n")
    print("```")
    for label, rows in (("competence bench, PostgreSQL", ours_pg), ("competence bench, file store", ours_file),
                        ("peer, PostgreSQL", peer_pg), ("peer, SQLite", peer_file)):
        for row in rows:
            print(f"{label:30} {row.get('case', ''):38} {row.get('events', 0):>9} ev "
                  f"{row.get('seconds', 0):>9.3f} s {number(row.get('events_per_second')):>12} ev/s"
                  + (f"  peak RSS {row['peak_rss_bytes'] // 1_048_576} MiB" if 'peak_rss_bytes' in row else ""))
    print("```")


if __name__ == "__main__":
    main()
