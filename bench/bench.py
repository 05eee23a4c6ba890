#!/usr/bin/env python3
"""The qianqi benchmark against the sqlite3 shell; run through bench/run.sh.

Usage: bench.py QIANQI WORKDIR OUT.md [RUNS]
       bench.py --reports QIANQI WORKDIR [RUNS]

Builds the databases it needs in WORKDIR from `qianqi generate`, measures
each item of issue 6 with qianqi and with the sqlite3 shell doing the same
work, alternating the two so that a change in the machine's load falls on
both, and writes OUT.md. Every run is timed from fork to exit with
os.wait4, which also gives the child's CPU time (user + sys) and peak
resident set, so no other timing tool is needed.

With --reports it measures item 6 alone (the assessment by department and
the HTML report on the 1M-ticket ledger) and prints the figures, writing no
file; the ledger is loaded into WORKDIR the first time and reused after.
"""
import datetime
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2023-06-30"


def sh(cmd, **kw):
    subprocess.run(cmd, shell=True, check=True, **kw)


def run(cmd, env=None, stdout=subprocess.DEVNULL):
    """One timed run: (wall s, cpu s, peak KiB)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            if stdout == subprocess.DEVNULL:
                fd = os.open(os.devnull, os.O_WRONLY)
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


def main():
    q, work, out = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    os.makedirs(work, exist_ok=True)
    began = time.time()
    load_start = loadavg()
    env = dict(os.environ)
    env.pop("QIANQI_TODAY", None)
    env.pop("QIANQI_TIMINGS", None)

    def qenv(db):
        e = dict(env)
        e["QIANQI_DB"] = db
        return e

    def p(*a):
        print(*a, flush=True)

    # --- data -------------------------------------------------------------
    s100 = os.path.join(work, "s100")
    t1m = os.path.join(work, "t1m")
    p("generating scale 100 and 1M tickets")
    sh(f"{q} generate --out {s100} --scale 100 >/dev/null")
    sh(f"{q} generate --out {t1m} --scale 100 --tickets 1000000 >/dev/null")
    v1m = os.path.join(work, "visits-1m.csv")
    sh(f"head -n 1000001 {s100}/visits.csv > {v1m}")

    def registry(db, src):
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        sh(f"{q} init >/dev/null", env=qenv(db))
        for k in ("units", "cadres", "enterprises", "pairings", "meetings"):
            sh(f"{q} import {k} {src}/{k}.csv >/dev/null", env=qenv(db))

    base = os.path.join(work, "registry.db")
    p("loading the scale-100 registry")
    registry(base, s100)
    city = os.path.join(work, "city.db")
    p("loading the scale-100 city (visits, tickets, events)")
    shutil.copy(base, city)
    for k in ("visits", "tickets", "events"):
        sh(f"{q} import {k} {s100}/{k}.csv >/dev/null", env=qenv(city))
    tdb = os.path.join(work, "tickets-1m.db")
    p("loading 1M tickets and their events (a few minutes)")
    t0 = time.time()
    registry(tdb, t1m)
    for k in ("tickets", "events"):
        sh(f"{q} import {k} {t1m}/{k}.csv >/dev/null", env=qenv(tdb))
    tickets_load = time.time() - t0
    sh(f"sqlite3 {tdb} < {BENCH}/events-plain.sql")
    n_events = int(subprocess.check_output(["sqlite3", tdb, "SELECT count(*) FROM ticket_events"]))
    n_tickets = int(subprocess.check_output(["sqlite3", tdb, "SELECT count(*) FROM tickets"]))

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

    load_end = loadavg()
    took = time.time() - began
    write(out, locals())
    p(f"wrote {out} in {took / 60:.1f} min")


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
    env = dict(os.environ)
    env.pop("QIANQI_TODAY", None)
    env.pop("QIANQI_TIMINGS", None)

    def qenv(db):
        e = dict(env)
        e["QIANQI_DB"] = db
        return e

    def p(*a):
        print(*a, flush=True)

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
      f" {v['n_events']:,} events (loading them through `qianqi import` took {v['tickets_load']:.0f} s)")
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
    notes = os.path.join(BENCH, "notes.md")
    if os.path.exists(notes):
        w(open(notes).read().strip())
    open(out, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--reports"]:
        reports_only(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    else:
        main()
