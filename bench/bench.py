#!/usr/bin/env python3
"""The qianqi benchmark against the sqlite3 shell, and on PostgreSQL against
psql; run through bench/run.sh.

Usage: bench.py QIANQI WORKDIR OUT.md [RUNS]
       bench.py --reports QIANQI WORKDIR [RUNS]

Builds the databases it needs in WORKDIR from `qianqi generate`, measures
each item of issue 6 with qianqi and with the sqlite3 shell doing the same
work, alternating the two so that a change in the machine's load falls on
both, and writes OUT.md. With QIANQI_BENCH_PG naming a PostgreSQL server it
then copies the same databases there and measures the items of issue 13
against psql running hand-written SQL (bench/pg/). Every run is timed from
fork to exit with os.wait4, which also gives the child's CPU time (user +
sys) and peak resident set, so no other timing tool is needed.

With --reports it measures item 6 alone (the assessment by department and
the HTML report on the 1M-ticket ledger) and prints the figures, writing no
file; the ledger is loaded into WORKDIR the first time and reused after.
"""
import csv
import datetime
import glob
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2023-06-30"


def sh(cmd, **kw):
    subprocess.run(cmd, shell=True, check=True, **kw)


def run(cmd, env=None, stdout=subprocess.DEVNULL):
    """One timed run: (wall s, cpu s, peak KiB). `stdout` may name a file
    that receives the output."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            if stdout == subprocess.DEVNULL:
                fd = os.open(os.devnull, os.O_WRONLY)
                os.dup2(fd, 1)
            elif isinstance(stdout, str):
                fd = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
            os.execvpe(cmd[0], cmd, env or os.environ)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


class Series:
    def __init__(self):
        self.wall, self.cpu, self.rss = [], [], []

    def add(self, r):
        self.wall.append(r[0])
        self.cpu.append(r[1])
        self.rss.append(r[2])

    def med(self):
        return statistics.median(self.wall)

    def cpu_med(self):
        return statistics.median(self.cpu)


def fmt_t(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def cell(s):
    return (f"{fmt_t(s.med())} ({fmt_t(min(s.wall))}–{fmt_t(max(s.wall))}); "
            f"CPU {fmt_t(s.cpu_med())}")


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                  if l.startswith("model name")), "unknown")
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    return model, os.cpu_count(), mem // 1024


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def qianqi_env(db):
    """The environment qianqi runs in: this one, on database `db`, with
    no pinned day and no timings."""
    e = dict(os.environ)
    e.pop("QIANQI_TODAY", None)
    e.pop("QIANQI_TIMINGS", None)
    e["QIANQI_DB"] = db
    return e


def say(*a):
    print(*a, flush=True)


def main():
    q, work, out = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    # QIANQI_BENCH_PG: the base URL of a PostgreSQL server for the second
    # section (bench/run.sh starts one); QIANQI_BENCH_ONLY=pg measures that
    # section alone and rewrites only it in OUT.md; QIANQI_BENCH_REUSE=1
    # keeps the generated files and SQLite databases already in WORKDIR.
    pg_base = os.environ.get("QIANQI_BENCH_PG", "")
    only_pg = os.environ.get("QIANQI_BENCH_ONLY", "") == "pg"
    reuse = os.environ.get("QIANQI_BENCH_REUSE", "") == "1"
    if only_pg and not pg_base:
        sys.exit("QIANQI_BENCH_ONLY=pg needs QIANQI_BENCH_PG, the base URL of a PostgreSQL server")
    os.makedirs(work, exist_ok=True)
    began = time.time()
    load_start = loadavg()
    qenv, p = qianqi_env, say

    data = prepare(q, work, qenv, p, reuse)
    v = dict(data)
    if not only_pg:
        v.update(sqlite_section(q, work, runs, qenv, p, **data))
    if pg_base:
        v["pg"] = pg_section(q, work, runs, qenv, p, pg_base, data)
    v["load_end"] = loadavg()
    v["took"] = time.time() - began
    v.update(load_start=load_start, runs=runs, only_pg=only_pg)
    if only_pg:
        write_pg_only(out, v)
    else:
        write(out, v)
    p(f"wrote {out} in {v['took'] / 60:.1f} min")


def prepare(q, work, qenv, p, reuse):
    """The generated files and the SQLite databases both sections start from."""
    s100 = os.path.join(work, "s100")
    t1m = os.path.join(work, "t1m")
    v1m = os.path.join(work, "visits-1m.csv")
    base = os.path.join(work, "registry.db")
    city = os.path.join(work, "city.db")
    tdb = os.path.join(work, "tickets-1m.db")
    tickets_load = None
    if not (reuse and all(os.path.exists(f) for f in (s100, t1m, v1m, base, city, tdb))):
        p("generating scale 100 and 1M tickets")
        sh(f"{q} generate --out {s100} --scale 100 >/dev/null")
        sh(f"{q} generate --out {t1m} --scale 100 --tickets 1000000 >/dev/null")
        sh(f"head -n 1000001 {s100}/visits.csv > {v1m}")

        def registry(db, src):
            for f in (db, db + "-wal", db + "-shm"):
                if os.path.exists(f):
                    os.remove(f)
            sh(f"{q} init >/dev/null", env=qenv(db))
            for k in ("units", "cadres", "enterprises", "pairings", "meetings"):
                sh(f"{q} import {k} {src}/{k}.csv >/dev/null", env=qenv(db))

        p("loading the scale-100 registry")
        registry(base, s100)
        p("loading the scale-100 city (visits, tickets, events)")
        shutil.copy(base, city)
        for k in ("visits", "tickets", "events"):
            sh(f"{q} import {k} {s100}/{k}.csv >/dev/null", env=qenv(city))
        p("loading 1M tickets and their events (a few minutes)")
        t0 = time.time()
        registry(tdb, t1m)
        for k in ("tickets", "events"):
            sh(f"{q} import {k} {t1m}/{k}.csv >/dev/null", env=qenv(tdb))
        tickets_load = time.time() - t0
    else:
        p(f"reusing the data in {work}")
    n_events = int(subprocess.check_output(["sqlite3", tdb, "SELECT count(*) FROM ticket_events"]))
    n_tickets = int(subprocess.check_output(["sqlite3", tdb, "SELECT count(*) FROM tickets"]))
    return dict(s100=s100, t1m=t1m, v1m=v1m, base=base, city=city, tdb=tdb,
                tickets_load=tickets_load, n_events=n_events, n_tickets=n_tickets)


def sqlite_section(q, work, runs, qenv, p, s100, t1m, v1m, base, city, tdb, tickets_load,
                   n_events, n_tickets):
    """Items 1-6: qianqi on SQLite against the sqlite3 shell."""
    sh(f"sqlite3 {tdb} < {BENCH}/events-plain.sql")
    rows = []  # (item, qianqi Series, sqlite Series, target ratio or None, target text)

    # --- 1. import 1M visits ----------------------------------------------
    p("1. import 1M visits")
    qdb, sdb = os.path.join(work, "import-q.db"), os.path.join(work, "import-s.db")

    def fresh(db):
        for f in (db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        shutil.copy(base, db)

    qi, si = Series(), Series()
    for _ in range(runs):
        fresh(qdb)
        qi.add(run([q, "import", "visits", v1m], env=qenv(qdb)))
        fresh(sdb)
        si.add(run(["sqlite3", sdb, f".read {BENCH}/visits-sqlite3.sql",
                    f".import --csv --skip 1 {v1m} visits_csv"]))
    rows.append(("1. import 1M visits", qi, si, 0.6, "≤ 0.6×"))
    # One more qianqi run with the phases printed, for the breakdown.
    fresh(qdb)
    e = qenv(qdb)
    e["QIANQI_TIMINGS"] = "1"
    t0 = time.perf_counter()
    phases = subprocess.run([q, "import", "visits", v1m], env=e, check=True,
                            capture_output=True, text=True).stderr
    phases_total = time.perf_counter() - t0

    # --- 2. reconcile --by town --------------------------------------------
    p("2. reconcile --by town")
    qr, sr = Series(), Series()
    for _ in range(runs + 2):
        qr.add(run([q, "report", "reconcile", "--by", "town", "--format", "csv"], env=qenv(tdb)))
        sr.add(run(["sqlite3", tdb, f".read {BENCH}/reconcile-by-town.sql"]))
    rows.append(("2. reconcile --by town, 1M tickets", qr, sr, 1.5, "≤ 1.5×"))

    # --- 3. reconcile --as-of ----------------------------------------------
    p("3. reconcile --as-of")
    qa, sa = Series(), Series()
    for _ in range(runs + 2):
        qa.add(run([q, "report", "reconcile", "--as-of", AS_OF, "--format", "csv"], env=qenv(tdb)))
        sa.add(run(["sqlite3", tdb, f".read {BENCH}/reconcile-as-of.sql"]))
    rows.append((f"3. reconcile --as-of {AS_OF}, {n_events:,} events", qa, sa, 1.0, "≤ 1.0×"))
    q_asof = subprocess.check_output([q, "report", "reconcile", "--as-of", AS_OF, "--format", "csv", "--no-bom"],
                                     env=qenv(tdb), text=True).strip().splitlines()[-1]
    s_asof = subprocess.check_output(["sqlite3", "-csv", tdb, f".read {BENCH}/reconcile-as-of.sql"],
                                     text=True).strip()

    # --- 4. interactive commands at scale 100 ------------------------------
    p("4. interactive commands")
    ent, cadre = subprocess.check_output(
        ["sqlite3", "-separator", " ", city,
         "SELECT e.uscc, c.code FROM pairings p JOIN enterprises e ON e.id = p.enterprise_id "
         "JOIN cadres c ON c.id = p.cadre_id WHERE p.ended_on IS NULL ORDER BY p.id LIMIT 1"],
        text=True).split()
    n = runs * 3
    codes = subprocess.check_output(
        ["sqlite3", city, f"SELECT code FROM tickets WHERE status = 'in_progress' ORDER BY id LIMIT {2 * n}"],
        text=True).split()
    today = datetime.date.today().isoformat()
    qv, sv, qt, st, qs, ss = (Series() for _ in range(6))
    for i in range(n):
        qv.add(run([q, "visit", ent, "--cadre", cadre, "--note", "基准测试"], env=qenv(city)))
        sv.add(run(["sqlite3", city,
                    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
                    "INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people, tasks, note) "
                    f"VALUES ((SELECT id FROM cadres WHERE code = '{cadre}'), "
                    f"(SELECT id FROM enterprises WHERE uscc = '{ent}'), '{today}', 'onsite', 1, 0, '基准测试');"]))
        qt.add(run([q, "ticket", "resolve", codes[2 * i], "--by", cadre], env=qenv(city)))
        c = codes[2 * i + 1]
        st.add(run(["sqlite3", city,
                    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
                    f"UPDATE ticket_events SET superseded_on = '{today}' WHERE superseded_on IS NULL "
                    f"AND ticket_id = (SELECT id FROM tickets WHERE code = '{c}'); "
                    "INSERT INTO ticket_events (ticket_id, on_date, status, actor_id) "
                    f"VALUES ((SELECT id FROM tickets WHERE code = '{c}'), '{today}', 'resolved', "
                    f"(SELECT id FROM cadres WHERE code = '{cadre}')); "
                    f"UPDATE tickets SET status = 'resolved', status_on = '{today}' WHERE code = '{c}'; COMMIT;"]))
        qs.add(run([q, "enterprise", "show", ent], env=qenv(city)))
        ss.add(run(["sqlite3", city, f".parameter set @e '{ent}'", f".read {BENCH}/enterprise-show.sql"]))
    rows.append(("4a. log a visit (scale 100)", qv, sv, None, "< 20 ms wall"))
    rows.append(("4b. resolve a ticket (scale 100)", qt, st, None, "< 20 ms wall"))
    rows.append(("4c. enterprise show (scale 100)", qs, ss, None, "< 20 ms wall"))
    tiny = os.path.join(work, "tiny.db")
    for f in (tiny, tiny + "-wal", tiny + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    sh(f"{q} init >/dev/null && {q} unit add T01 古南街道 --kind town >/dev/null", env=qenv(tiny))
    qu, su = Series(), Series()
    for _ in range(n):
        qu.add(run([q, "unit", "list"], env=qenv(tiny)))
        su.add(run(["sqlite3", tiny, "SELECT code, name, kind FROM units ORDER BY code"]))
    rows.append(("4d. start-up: `unit list` on a one-unit database", qu, su, None, "(orientation: ~3 ms)"))

    # --- 5. check -----------------------------------------------------------
    # The sqlite3 side's helper table of item 3 is no part of qianqi's schema,
    # and check would rightly report it.
    p("5. check")
    sh(f"sqlite3 {tdb} 'DROP TABLE events_plain; VACUUM;'")
    qc, sc = Series(), Series()
    check_runs = max(3, runs - 2)
    for _ in range(check_runs):
        qc.add(run([q, "check"], env=qenv(tdb)))
        sc.add(run(["sqlite3", tdb, "PRAGMA integrity_check"]))
    rows.append((f"5. check, {n_tickets:,} tickets (vs `PRAGMA integrity_check`)", qc, sc, 1.5,
                 "≤ 1.5× (own checks ≤ ½ of integrity_check)"))
    # Phases of one more run: SQLite's integrity check, then qianqi's own checks.
    e = qenv(tdb)
    e["QIANQI_TIMINGS"] = "1"
    t0 = time.perf_counter()
    check_phases = subprocess.run([q, "check"], env=e, check=True, capture_output=True,
                                  text=True).stderr.strip()
    check_total = time.perf_counter() - t0
    check_times = [float(l.rsplit(":", 1)[1].split()[0]) for l in check_phases.splitlines()]
    check_integrity, check_own = check_times[0], sum(check_times[1:])
    # --- 6. report assessment and report html -------------------------------
    # The assessment and the whole page on the 1M-ticket ledger, then the page
    # with the city's visits loaded as well (read on a thread of their own).
    p("6. report assessment, report html")
    tv = os.path.join(work, "tickets-visits.db")
    shutil.copy(tdb, tv)
    sh(f"{q} import visits {t1m}/visits.csv >/dev/null", env=qenv(tv))
    n_visits = int(subprocess.check_output(["sqlite3", tv, "SELECT count(*) FROM visits"]))
    html_rows, html_phases = reports(q, work, runs, [("1M tickets", tdb),
                                                     (f"1M tickets and {n_visits:,} visits", tv)], qenv, p)

    return {k: val for k, val in locals().items() if k not in ("q", "qenv", "p")}



# --- PostgreSQL ---------------------------------------------------------------

PG = os.path.join(BENCH, "pg")


def psql_bin():
    """psql itself: Debian's `psql` is a Perl wrapper that adds ~50 ms to each run."""
    for v in ("17", "16", "15", "14", "13", "12"):
        b = f"/usr/lib/postgresql/{v}/bin/psql"
        if os.path.exists(b):
            return b
    return "psql"


def pg_url(base, name):
    """The URL of database `name` on the server of `base`."""
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


# The other reports at scale 100: (name, qianqi's arguments, hand-written SQL
# in bench/ for sqlite3 and bench/pg/ for psql, whether qianqi's CSV has a
# total row the SQL has not, a column of qianqi's the SQL has not).
REPORTS = [
    ("visits --by town --period month", ["visits", "--by", "town", "--period", "month"],
     "visits-by-town-month.sql", True, None),
    ("coverage", ["coverage"], "coverage.sql", False, None),
    ("overdue", ["overdue"], "overdue.sql", False, 10),
    ("meetings", ["meetings"], "meetings.sql", False, None),
    ("reconcile --by department", ["reconcile", "--by", "department"],
     "reconcile-by-department.sql", True, None),
    ("assessment --by department", ["assessment", "--by", "department"], None, False, None),
]


def same_rows(qcsv, hand, total, extra):
    """Whether qianqi's CSV and the hand-written SQL's rows hold the same values."""
    qrows = list(csv.reader(io.StringIO(qcsv.lstrip("\ufeff"))))[1:]
    hrows = list(csv.reader(io.StringIO(hand)))
    if total and qrows and qrows[-1][0] == "total":
        qrows = qrows[:-1]
    if extra is not None:
        qrows = [r[:extra] + r[extra + 1:] for r in qrows]
    return qrows == hrows


def timed_once(cmd, env=None):
    """One run whose output is kept: (wall s, exit status, stdout, stderr)."""
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t0, r.returncode, r.stdout, r.stderr


def pg_section(q, work, runs, qenv, p, pg_base, d):
    """Items P1-P5: qianqi on PostgreSQL against psql on the same server, on
    the data of the SQLite section, moved up with `qianqi copy --to`."""
    psql = psql_bin()
    admin = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", pg_base]
    quiet = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")

    def sql(db, text):
        subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", pg_url(pg_base, db), "-c", text],
                       check=True, stdout=subprocess.DEVNULL)

    def scalar(db, text):
        return subprocess.check_output([psql, "-X", "-At", pg_url(pg_base, db), "-c", text], text=True).strip()

    def create(db, template=None):
        t = f" TEMPLATE {template}" if template else ""
        subprocess.run(admin + ["-c", f"DROP DATABASE IF EXISTS {db}", "-c", f"CREATE DATABASE {db}{t}"],
                       check=True, env=quiet)

    def drop(db):
        subprocess.run(admin + ["-c", f"DROP DATABASE IF EXISTS {db}"], check=True, env=quiet)

    def hand(db, f, *extra):
        return [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", *extra, pg_url(pg_base, db), "-f", os.path.join(PG, f)]

    version = scalar("postgres", "SHOW server_version")
    repo = os.path.dirname(BENCH)
    commit = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    if subprocess.run(["git", "-C", repo, "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock"],
                      capture_output=True, text=True).stdout.strip():
        commit += " with changes not committed"
    settings = scalar("postgres", "SELECT string_agg(name || ' = ' || setting || coalesce(unit, ''), ', ' ORDER BY name)"
                      " FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'synchronous_commit',"
                      " 'max_wal_size', 'fsync')")

    # Moving the SQLite databases up: the migration path, timed.
    p("PostgreSQL: copying the SQLite databases up (qianqi copy --to)")
    copies = []
    for name, src in (("b_registry", d["base"]), ("b_city", d["city"]), ("b_t1m", d["tdb"])):
        create(name)
        wall, code, _, err = timed_once([q, "--db", src, "copy", "--to", pg_url(pg_base, name)], env=qenv(src))
        if code != 0:
            sys.exit(f"copy into {name} failed: {err}")
        copies.append((name, os.path.basename(src), wall))
        # Statistics and the visibility map, as autovacuum would leave them
        # some minutes after a load; not timed.
        sql(name, "VACUUM ANALYZE")
    sizes = {name: scalar("postgres", f"SELECT pg_size_pretty(pg_database_size('{name}'))") for name, _, _ in copies}

    rows = []  # (item, qianqi Series, psql Series, target ratio or None, target text)

    # --- P1. import 1M visits ----------------------------------------------
    p("P1. import 1M visits into PostgreSQL")
    qi, si = Series(), Series()
    copy_cmd = f"\\copy visits_csv FROM '{d['v1m']}' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (tasks, note))"
    for _ in range(runs):
        create("b_import_q", "b_registry")
        qi.add(run([q, "import", "visits", d["v1m"]], env=qenv(pg_url(pg_base, "b_import_q"))))
        drop("b_import_q")
        create("b_import_s", "b_registry")
        si.add(run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", pg_url(pg_base, "b_import_s"),
                    "-f", os.path.join(PG, "visits-copy.sql"), "-c", copy_cmd]))
        drop("b_import_s")
    rows.append(("P1. import 1M visits", qi, si, 1.0, "≤ 1.0×"))
    create("b_import_q", "b_registry")
    e = qenv(pg_url(pg_base, "b_import_q"))
    e["QIANQI_TIMINGS"] = "1"
    phases_total, _, _, phases = timed_once([q, "import", "visits", d["v1m"]], env=e)
    drop("b_import_q")

    # --- P2, P3. reconcile over 1M tickets ---------------------------------
    t1m = pg_url(pg_base, "b_t1m")
    p("P2. reconcile --by town on PostgreSQL")
    qr, sr = Series(), Series()
    for _ in range(runs + 2):
        qr.add(run([q, "report", "reconcile", "--by", "town", "--format", "csv"], env=qenv(t1m)))
        sr.add(run(hand("b_t1m", "reconcile-by-town.sql")))
    rows.append(("P2. reconcile --by town, 1M tickets", qr, sr, 1.5, "≤ 1.5×"))
    town_q = subprocess.check_output([q, "report", "reconcile", "--by", "town", "--format", "csv", "--no-bom"],
                                     env=qenv(t1m), text=True)
    town_s = subprocess.check_output(hand("b_t1m", "reconcile-by-town.sql", "--csv", "-t"), text=True)
    town_same = same_rows(town_q, town_s, True, None)

    p("P3. reconcile --as-of on PostgreSQL")
    subprocess.run(hand("b_t1m", "events-plain.sql"), check=True, stdout=subprocess.DEVNULL, env=quiet)
    qa, sa = Series(), Series()
    for _ in range(runs + 2):
        qa.add(run([q, "report", "reconcile", "--as-of", AS_OF, "--format", "csv"], env=qenv(t1m)))
        sa.add(run(hand("b_t1m", "reconcile-as-of.sql")))
    rows.append((f"P3. reconcile --as-of {AS_OF}, {d['n_events']:,} events", qa, sa, 1.5, "≤ 1.5×"))
    asof_q = subprocess.check_output([q, "report", "reconcile", "--as-of", AS_OF, "--format", "csv", "--no-bom"],
                                     env=qenv(t1m), text=True).strip().splitlines()[-1]
    asof_s = subprocess.check_output(hand("b_t1m", "reconcile-as-of.sql", "--csv", "-t"), text=True).strip()
    sql("b_t1m", "DROP TABLE events_plain")

    # --- P4. interactive commands at scale 100 -----------------------------
    p("P4. interactive commands on PostgreSQL")
    city = pg_url(pg_base, "b_city")
    ent, cadre = scalar("b_city",
                        "SELECT e.uscc || ' ' || c.code FROM pairings p JOIN enterprises e ON e.id = p.enterprise_id "
                        "JOIN cadres c ON c.id = p.cadre_id WHERE p.ended_on IS NULL ORDER BY p.id LIMIT 1").split()
    n = runs * 3
    codes = scalar("b_city", f"SELECT string_agg(code, ' ' ORDER BY id) FROM (SELECT id, code FROM tickets "
                             f"WHERE status = 'in_progress' ORDER BY id LIMIT {2 * n}) t").split()
    cmd = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", city, "-c"]
    qv, sv, qt, st, qs, ss = (Series() for _ in range(6))
    for i in range(n):
        qv.add(run([q, "visit", ent, "--cadre", cadre, "--note", "基准测试"], env=qenv(city)))
        sv.add(run(cmd + [
            "INSERT INTO visits (cadre_id, enterprise_id, visited_on, kind, people, tasks, note) "
            f"VALUES ((SELECT id FROM cadres WHERE code = '{cadre}'), "
            f"(SELECT id FROM enterprises WHERE uscc = '{ent}'), CURRENT_DATE, 'onsite', 1, 0, '基准测试')"]))
        qt.add(run([q, "ticket", "resolve", codes[2 * i], "--by", cadre], env=qenv(city)))
        c = codes[2 * i + 1]
        st.add(run(cmd + [
            "BEGIN; "
            "UPDATE ticket_events SET superseded_on = CURRENT_DATE WHERE superseded_on IS NULL "
            f"AND ticket_id = (SELECT id FROM tickets WHERE code = '{c}'); "
            "INSERT INTO ticket_events (ticket_id, on_date, status, actor_id, action) "
            f"VALUES ((SELECT id FROM tickets WHERE code = '{c}'), CURRENT_DATE, 'resolved', "
            f"(SELECT id FROM cadres WHERE code = '{cadre}'), 'resolve'); "
            f"UPDATE tickets SET status = 'resolved', status_on = CURRENT_DATE WHERE code = '{c}'; COMMIT;"]))
        qs.add(run([q, "enterprise", "show", ent], env=qenv(city)))
        ss.add(run(hand("b_city", "enterprise-show.sql", "-v", f"e={ent}")))
    rows.append(("P4a. log a visit (scale 100)", qv, sv, None, "< 20 ms wall"))
    rows.append(("P4b. resolve a ticket (scale 100)", qt, st, None, "< 20 ms wall"))
    rows.append(("P4c. enterprise show (scale 100)", qs, ss, None, "< 20 ms wall"))
    create("b_tiny")
    tiny = pg_url(pg_base, "b_tiny")
    sh(f"{q} init >/dev/null && {q} unit add T01 古南街道 --kind town >/dev/null", env=qenv(tiny))
    qu, su = Series(), Series()
    for _ in range(n):
        qu.add(run([q, "unit", "list"], env=qenv(tiny)))
        su.add(run([psql, "-X", "-q", tiny, "-c", "SELECT code, name, kind FROM units ORDER BY code"]))
    rows.append(("P4d. start-up: `unit list` on a one-unit database", qu, su, None, "(orientation)"))
    drop("b_tiny")

    # --- P5. the other reports at scale 100, on both engines ---------------
    # Each pair is timed `runs` times, or once when qianqi's first run takes
    # longer than a minute; on SQLite qianqi runs against the sqlite3 shell
    # with the same SQL written for SQLite (bench/*.sql).
    p("P5. the other reports at scale 100, on both engines")
    reports = []  # (name, {engine: (qianqi Series, hand Series or None, same rows or error)})
    for name, args, f, total, extra in REPORTS:
        res = {}
        for engine, db in (("pg", city), ("sqlite", d["city"])):
            qargs = [q, "report", *args, "--format", "csv", "--no-bom"]
            # The first run keeps its output, for the comparison; a report
            # that fails is run once more to read its message.
            out_file = os.path.join(work, "report.csv")
            try:
                first = run(qargs, env=qenv(db), stdout=out_file)
            except SystemExit:
                _, _, _, err = timed_once(qargs, env=qenv(db))
                res[engine] = (None, None, err.strip().splitlines()[-1])
                continue
            qout = open(out_file, encoding="utf-8").read()
            if f is None:
                hcmd, hout = None, None
            elif engine == "pg":
                hcmd = hand("b_city", f)
                hout = subprocess.check_output(hand("b_city", f, "--csv", "-t"), text=True)
            else:
                hcmd = ["sqlite3", d["city"], f".read {BENCH}/{f}"]
                hout = subprocess.check_output(["sqlite3", "-csv", d["city"], f".read {BENCH}/{f}"], text=True)
            same = None if hout is None else same_rows(qout, hout, total, extra)
            qs_, hs_ = Series(), Series() if hcmd else None
            qs_.add(first)
            if hcmd:
                hs_.add(run(hcmd))
            for _ in range(0 if first[0] > 60 else runs - 1):
                qs_.add(run(qargs, env=qenv(db)))
                if hcmd:
                    hs_.add(run(hcmd))
            res[engine] = (qs_, hs_, same)
        reports.append((name, res))

    return dict(version=version, commit=commit, settings=settings, psql=psql, copies=copies, sizes=sizes, rows=rows,
                phases=phases, phases_total=phases_total, town_same=town_same, asof_q=asof_q,
                asof_s=asof_s, n=n, reports=reports)


def reports(q, work, runs, dbs, qenv, p):
    """Item 6: `report assessment --by department` on the first database of
    `dbs` (name, path), `report html` on each; prints each figure as it is
    measured. Returns the rows (item, Series, page bytes or None) and the
    phases of one more page run with QIANQI_TIMINGS set."""
    out = []
    name, db = dbs[0]
    s = Series()
    for _ in range(runs + 2):
        s.add(run([q, "report", "assessment", "--by", "department", "--format", "csv"], env=qenv(db)))
    out.append((f"6a. report assessment --by department, {name}", s, None))
    p(f"   {out[-1][0]}: {cell(s)}")
    page = os.path.join(work, "report.html")
    for name, db in dbs:
        s = Series()
        for _ in range(runs + 2):
            s.add(run([q, "report", "html", "--output", page], env=qenv(db)))
        size = os.path.getsize(page)
        out.append((f"6{'bcd'[len(out) - 1]}. report html, {name}", s, size))
        p(f"   {out[-1][0]}: {cell(s)}; {size:,} bytes")
    e = qenv(dbs[0][1])
    e["QIANQI_TIMINGS"] = "1"
    t0 = time.perf_counter()
    phases = subprocess.run([q, "report", "html", "--output", page], env=e, check=True,
                            capture_output=True, text=True).stderr.strip()
    phases = f"(this run: {time.perf_counter() - t0:.2f} s wall in all)\n{phases}"
    p(f"   phases of one more page, {dbs[0][0]}:\n{phases}")
    return out, phases


def reports_only(q, work, runs):
    """--reports: item 6 on the 1M-ticket ledger, loaded once into `work`."""
    os.makedirs(work, exist_ok=True)
    qenv, p = qianqi_env, say

    t1m = os.path.join(work, "t1m")
    tdb = os.path.join(work, "tickets-1m.db")
    done = tdb + ".loaded"
    if not os.path.exists(done):
        p("generating and loading 1M tickets and their events (several minutes, once)")
        sh(f"{q} generate --out {t1m} --scale 100 --tickets 1000000 >/dev/null")
        for f in (tdb, tdb + "-wal", tdb + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        sh(f"{q} init >/dev/null", env=qenv(tdb))
        for k in ("units", "cadres", "enterprises", "pairings", "meetings", "tickets", "events"):
            sh(f"{q} import {k} {t1m}/{k}.csv >/dev/null", env=qenv(tdb))
        open(done, "w").close()
    # Brings the schema up to date (a migration, if any) outside the timed
    # runs; the copy a migration keeps of the file is not needed here.
    sh(f"{q} unit list >/dev/null", env=qenv(tdb))
    for f in glob.glob(tdb + ".v*.bak"):
        os.remove(f)
    p(f"- machine: {os.cpu_count()} CPUs; load average {loadavg()}")
    p(f"- {runs + 2} runs each; median wall (min–max); median CPU (user + sys)")
    reports(q, work, runs, [("1M tickets", tdb)], qenv, p)
    p(f"- load average at the end: {loadavg()}")


def write(out, v):
    rows = v["rows"]
    model, ncpu, mem = machine()
    lines = []
    w = lines.append
    w("# Benchmarks")
    w("")
    w("Written by `bench/run.sh` — rerun it to regenerate this file. Each figure is the median")
    w("wall time of the runs (min–max in brackets) and the median CPU time (user + sys) of the")
    w("process; qianqi and the `sqlite3` shell are run alternately in the same loop, so a change")
    w("in the machine's load falls on both. The ratio is qianqi's median wall time over sqlite3's.")
    w("")
    w(f"- date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; took {v['took'] / 60:.1f} min")
    w(f"- machine: {ncpu} CPUs, {model}, {mem:,} MiB memory")
    w(f"- load average (1, 5, 15 min): {v['load_start']} at the start, {v['load_end']} at the end"
      " — the machine is shared, so the absolute times vary; compare the ratios and CPU times")
    sqlite_version = subprocess.check_output(["sqlite3", "--version"], text=True).split()[0]
    w(f"- sqlite3 shell {sqlite_version}; qianqi built with `cargo build --release` (bundled SQLite)")
    w(f"- runs: {v['runs']} for the import, {v['runs'] + 2} for each report, {v['n']} for each interactive command,"
      f" {v['check_runs']} for check")
    w(f"- data: `qianqi generate --scale 100` (visits: its first 1,000,000 rows; interactive: the whole"
      f" city), `qianqi generate --scale 100 --tickets 1000000` for the reports: {v['n_tickets']:,} tickets,"
      f" {v['n_events']:,} events" + (f" (loading them through `qianqi import` took {v['tickets_load']:.0f} s)"
                                  if v['tickets_load'] is not None else ""))
    w("")
    w("| item | qianqi | sqlite3 shell | ratio | target | met? |")
    w("| --- | --- | --- | --- | --- | --- |")
    for item, qs, ss, target, text in rows:
        ratio = qs.med() / ss.med()
        if target is not None:
            met = "met" if ratio <= target else f"missed by {ratio / target:.2f}×"
        else:
            met = "met" if qs.med() < 0.020 else f"missed ({fmt_t(qs.med())})"
            if "start-up" in item:
                met = "—"
        w(f"| {item} | {cell(qs)} | {cell(ss)} | {ratio:.2f}× | {text} | {met} |")
    w("")
    w("`report assessment` and `report html` have no sqlite3 counterpart; the page's target is the"
      " issue's: built in under 2 s, and under 1 MB.")
    w("")
    w("| item | qianqi | page size | target | met? |")
    w("| --- | --- | --- | --- | --- |")
    for item, hs, size in v["html_rows"]:
        if size is None:
            w(f"| {item} | {cell(hs)} | — | — | — |")
            continue
        met = "met" if hs.med() < 2.0 and size < 1_000_000 else f"missed ({fmt_t(hs.med())})"
        w(f"| {item} | {cell(hs)} | {size / 1000:.0f} kB | < 2 s wall, < 1 MB | {met} |")
    w("")
    w("Where the page's time goes: one more run of 6b with `QIANQI_TIMINGS=1`, which prints each"
      " read of the thread that counts the tickets, with its CPU time; the histories (month flows and"
      " assessment) are read meanwhile on two more threads, the coverage and visits on a third:")
    w("")
    w("```")
    w(v["html_phases"])
    w("```")
    w("")
    w("Peak memory (largest resident set over the runs, from `wait4`):")
    w("")
    w("| item | qianqi | sqlite3 shell |")
    w("| --- | --- | --- |")
    for item, qs, ss, _, _ in rows:
        w(f"| {item} | {max(qs.rss) / 1024:.1f} MiB | {max(ss.rss) / 1024:.1f} MiB |")
    for item, hs, _ in v["html_rows"]:
        w(f"| {item} | {max(hs.rss) / 1024:.1f} MiB | — |")
    w("")
    w("## What each side does")
    w("")
    w("1. `qianqi import visits visits-1m.csv` into a copy of a database holding the scale-100 registry"
      " (units, cadres, enterprises, pairings, meetings): every row checked and every reference"
      " resolved, one transaction, the visits indexes in place at the end. sqlite3:"
      " `sqlite3 copy.db '.read bench/visits-sqlite3.sql' '.import --csv --skip 1 visits-1m.csv visits_csv'`"
      " into a table of the CSV's own columns, WAL, foreign keys on and declared against"
      " cadres(code) and enterprises(uscc), no CHECKs, no secondary index.")
    w("2. `qianqi report reconcile --by town --format csv` vs `bench/reconcile-by-town.sql`.")
    w(f"3. `qianqi report reconcile --as-of {AS_OF} --format csv` (events carry superseded_on;"
      " index ticket_events_as_of) vs `bench/reconcile-as-of.sql`, the latest event per ticket"
      " over `events_plain (ticket_id, on_date, status)` with a covering index on those columns"
      " (made by `bench/events-plain.sql`, not timed).")
    w(f"   Same figures: qianqi `{v['q_asof']}`, sqlite3 `{v['s_asof']}`"
      " (collected, closed, resolved, explained, in_progress, awaiting, overdue).")
    w("4. On the scale-100 city: `qianqi visit USCC --cadre CODE --note …` vs one INSERT resolving"
      " both references by subquery; `qianqi ticket resolve CODE --by CADRE` (a different"
      " in-progress ticket each run) vs BEGIN IMMEDIATE, the superseded_on UPDATE, the event INSERT"
      " and the ticket UPDATE; `qianqi enterprise show USCC` vs `bench/enterprise-show.sql`."
      " Both sides use WAL, synchronous=FULL and foreign keys on. Start-up: `qianqi unit list` vs"
      " `sqlite3 tiny.db 'SELECT …'` on a database with one unit.")
    w("5. `qianqi check` on the 1M-ticket database (without the helper table of item 3) vs"
      " `sqlite3 tickets-1m.db 'PRAGMA integrity_check'`, which `check` runs first; the target is"
      " that qianqi's own checks add at most half of SQLite's time.")
    w("6. `qianqi report assessment --by department --format csv` on the 1M-ticket ledger;"
      " `qianqi report html --output report.html` on it, then on a copy of it with"
      " the scale-100 city's visits imported as well.")
    w("7. Peak memory: the table above.")
    w("")
    w("## Where the import time goes")
    w("")
    w("One more qianqi import run with `QIANQI_TIMINGS=1`, which prints the phases of a visits load"
      f" (this run took {v['phases_total']:.2f} s wall in all; the rest after the last phase is the"
      " commit, the WAL checkpoint into the database file and process exit):")
    w("")
    w("```")
    w(v["phases"].strip())
    w("```")
    w("")
    w("## Where the check time goes")
    w("")
    w("One more `qianqi check` run with `QIANQI_TIMINGS=1`"
      f" ({v['check_total']:.2f} s wall in all): SQLite's `integrity_check` took"
      f" {v['check_integrity']:.2f} s and qianqi's own checks {v['check_own']:.2f} s,"
      f" {v['check_own'] / v['check_integrity']:.2f}× of it (target: ≤ 0.5×).")
    w("")
    w("```")
    w(v["check_phases"])
    w("```")
    w("")
    w(notes()[0])
    if "pg" in v:
        w("")
        lines.extend(pg_lines(v))
    open(out, "w").write("\n".join(lines) + "\n")


def notes():
    """bench/notes.md in two: the SQLite part, and the part from its
    `## PostgreSQL` heading on, which goes with the PostgreSQL section."""
    path = os.path.join(BENCH, "notes.md")
    text = open(path).read() if os.path.exists(path) else ""
    at = text.find("\n## PostgreSQL")
    if at < 0:
        return text.strip(), ""
    return text[:at].strip(), text[at:].strip()


PG_BEGIN = "<!-- bench.py: PostgreSQL section -->"
PG_END = "<!-- bench.py: end of the PostgreSQL section -->"


def write_pg_only(out, v):
    """Rewrites the PostgreSQL section of OUT.md alone (QIANQI_BENCH_ONLY=pg),
    appending it when the file has none."""
    old = open(out).read() if os.path.exists(out) else ""
    section = "\n".join(pg_lines(v))
    if PG_BEGIN in old and PG_END in old:
        head, rest = old.split(PG_BEGIN, 1)
        tail = rest.split(PG_END, 1)[1]
        text = head + section + tail
    else:
        text = old.rstrip("\n") + "\n\n" + section + "\n"
    open(out, "w").write(text)


def pg_lines(v):
    """The PostgreSQL section, between its markers."""
    g = v["pg"]
    lines = [PG_BEGIN]
    w = lines.append
    w("")
    w("# PostgreSQL")
    w("")
    w("Written by `bench/run.sh` (with `QIANQI_BENCH_ONLY=pg` it rewrites this section alone). The same data as the"
      " SQLite section, moved up with `qianqi copy --to`; qianqi and `psql` run alternately against the"
      " same server over its Unix socket, each run a new process and a new connection, as a user's"
      " command is. Figures as above: median wall time (min–max), median CPU time of the client process"
      " (the server's work is not in it); the ratio is qianqi's median over psql's.")
    if v.get("only_pg"):
        w("")
        w("This run measured the PostgreSQL section alone (`QIANQI_BENCH_ONLY=pg`): the figures above it"
          " come from an earlier run of the whole benchmark and were not measured again; item P5 has"
          " qianqi on SQLite beside the same reports on PostgreSQL, from this run.")
    w("")
    model, ncpu, mem = machine()
    w(f"- date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; took {v['took'] / 60:.1f} min"
      " (the whole run)")
    w(f"- machine: {ncpu} CPUs, {model}, {mem:,} MiB memory, shared with other work: load average"
      f" {v['load_start']} at the start, {v['load_end']} at the end")
    w(f"- qianqi built with `cargo build --release` from commit {g['commit']}")
    w(f"- PostgreSQL {g['version']} on the same machine, a private cluster (`.ci/pg start`); settings"
      f" left at their defaults: {g['settings']}; `{g['psql']}` (not Debian's wrapper script)")
    w(f"- runs: {v['runs']} for the import, {v['runs'] + 2} for each reconcile, {g['n']} for each interactive"
      f" command, {v['runs']} for each other report (once when qianqi's first run took over a minute)")
    copies = "; ".join(f"{src} → {name} {fmt_t(wall)} ({g['sizes'][name]})" for name, src, wall in g["copies"])
    w(f"- loading: `qianqi --db FILE copy --to URL` from the SQLite databases: {copies}; then"
      " `VACUUM ANALYZE` (not timed)")
    w("")
    w("| item | qianqi | psql | ratio | target | met? |")
    w("| --- | --- | --- | --- | --- | --- |")
    for item, qs, ss, target, text in g["rows"]:
        ratio = qs.med() / ss.med()
        if target is not None:
            met = "met" if ratio <= target else f"missed by {ratio / target:.2f}×"
        else:
            met = "met" if qs.med() < 0.020 else f"missed ({fmt_t(qs.med())})"
            if "start-up" in item:
                met = "—"
        w(f"| {item} | {cell(qs)} | {cell(ss)} | {ratio:.2f}× | {text} | {met} |")
    w("")
    w("The other reports at scale 100 (the city of `qianqi generate --scale 100`), each against SQL"
      " written by hand for its engine (`bench/pg/*.sql` through psql, `bench/*.sql` through the sqlite3"
      " shell); \"same\" says whether the two printed the same rows:")
    w("")
    w("| report | PostgreSQL: qianqi | psql | ratio | same | SQLite: qianqi | sqlite3 | ratio | same |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, res in g["reports"]:
        cells = []
        for engine in ("pg", "sqlite"):
            qs, hs, same = res[engine]
            if qs is None:
                cells += [f"fails: `{same}`", "—", "—", "—"]
                continue
            qcell = f"{fmt_t(qs.med())} (CPU {fmt_t(qs.cpu_med())})" + (" [1 run]" if len(qs.wall) == 1 else "")
            if hs is None:
                cells += [qcell, "no hand-written SQL", "—", "—"]
            else:
                cells += [qcell, fmt_t(hs.med()), f"{qs.med() / hs.med():.2f}×", "yes" if same else "NO"]
        w(f"| {name} | " + " | ".join(cells) + " |")
    w("")
    w("## What each side does on PostgreSQL")
    w("")
    w("- P1. `qianqi import visits visits-1m.csv` into a fresh copy (`CREATE DATABASE … TEMPLATE`, not timed)"
      " of a database holding the scale-100 registry: every row checked and every reference resolved,"
      " streamed with binary COPY, one transaction, the table's four indexes and three foreign keys"
      " live. psql: `psql -f bench/pg/visits-copy.sql -c \"\\copy visits_csv FROM 'visits-1m.csv' WITH"
      " (FORMAT csv, HEADER true, FORCE_NOT_NULL (tasks, note))\"` into another fresh copy: a table of the"
      " CSV's own columns, foreign keys declared against cadres(code) and enterprises(uscc), no CHECKs,"
      " no index.")
    w("- P2. `qianqi report reconcile --by town --format csv` vs `bench/pg/reconcile-by-town.sql`."
      f" Same rows: {'yes' if g['town_same'] else 'NO'}.")
    w(f"- P3. `qianqi report reconcile --as-of {AS_OF} --format csv` vs `bench/pg/reconcile-as-of.sql`,"
      " the latest event per ticket by `DISTINCT ON` over `events_plain (id, ticket_id, on_date, status,"
      " due_on)` with a covering index (made by `bench/pg/events-plain.sql`, not timed), and for the open"
      " tickets the due date in force on the day.")
    w(f"  Same figures: qianqi `{g['asof_q']}`, psql `{g['asof_s']}`"
      " (collected, closed, resolved, explained, in_progress, awaiting, overdue).")
    w("- P4. On the scale-100 city: `qianqi visit`, `qianqi ticket resolve` (a different in-progress ticket"
      " each run), `qianqi enterprise show` vs `psql -c` with one INSERT resolving both references by"
      " subquery; BEGIN, the superseded_on UPDATE, the event INSERT, the ticket UPDATE, COMMIT; and"
      " `bench/pg/enterprise-show.sql`. Start-up: `qianqi unit list` vs `psql -c 'SELECT …'` on a database"
      " with one unit.")
    w("- P5. `qianqi report … --format csv` on the city vs the SQL in `bench/pg/` and `bench/` named in"
      " `REPORTS` in bench.py; the hand-written SQL reads the current state (no voided rows, no future"
      " dates in the generated data), as qianqi's does after its filters.")
    w("")
    w("One more qianqi import run with `QIANQI_TIMINGS=1`"
      f" ({g['phases_total']:.2f} s wall in all):")
    w("")
    w("```")
    w(g["phases"].strip())
    w("```")
    w("")
    pg_notes = notes()[1]
    if pg_notes:
        w(pg_notes)
        w("")
    w(PG_END)
    return lines


if __name__ == "__main__":
    if sys.argv[1:2] == ["--reports"]:
        reports_only(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    else:
        main()
