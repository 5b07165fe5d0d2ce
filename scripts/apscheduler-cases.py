"""Generates trigger cases from APScheduler 3.x itself, in the shape of ../shared/conformance.

Usage: python scripts/apscheduler-cases.py OUT.jsonl [SEED] [COUNT]
Needs APScheduler 3.11 (pip install 'apscheduler>=3.11,<4'). Replay the file with
  ./mvnw -pl scheduler-core test -Dtest=ApschedulerConformanceTests -Dconformance.triggers=OUT.jsonl
Every case is APScheduler's own answer, so a mismatch is either our bug or one of the
departures listed in the conformance README (APScheduler skipping fire times between 00:00 and
the size of a DST change after a spring-forward; and triggers are asked only once, as
APScheduler 3 loops on later calls).
"""
import json, random, signal, sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.combining import OrTrigger

rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe"]
# instants near DST changes (UTC) plus ordinary ones
ANCHORS = ["2021-03-14T07:00:00", "2021-11-07T06:00:00", "2021-03-28T01:00:00", "2021-10-31T01:00:00",
           "2021-04-03T15:00:00", "2021-10-02T15:30:00", "2024-03-10T07:00:00", "2024-11-03T06:00:00",
           "2025-03-30T01:00:00", "2025-10-26T01:00:00", "2025-04-05T15:00:00", "2025-10-04T15:30:00",
           "2024-02-28T12:00:00", "2023-12-31T23:00:00", "2024-06-15T00:00:00", "1991-04-13T18:00:00",
           "1991-09-14T17:00:00"]
NAMES_DOW = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
NAMES_MON = ["jan","feb","mar","apr","may","jun","jul","aug","sep","oct","nov","dec"]

def num_expr(lo, hi):
    k = rnd.randint(0, 7)
    if k == 0: return "*"
    if k == 1: return "*/%d" % rnd.randint(1, max(1, (hi - lo)))
    if k == 2: return str(rnd.randint(lo, hi))
    if k == 3:
        a = rnd.randint(lo, hi); b = rnd.randint(a, hi); return "%d-%d" % (a, b)
    if k == 4:
        a = rnd.randint(lo, hi - 1); b = rnd.randint(a + 1, hi); return "%d-%d/%d" % (a, b, rnd.randint(1, b - a))
    if k == 5:
        a = rnd.randint(lo, hi - 1); return "%d/%d" % (a, rnd.randint(1, hi - a))
    vals = sorted(rnd.sample(range(lo, hi + 1), rnd.randint(2, min(4, hi - lo + 1))))
    return ",".join(map(str, vals))

def day_expr():
    k = rnd.randint(0, 5)
    if k == 0: return "last"
    if k == 1: return "last " + rnd.choice(NAMES_DOW)
    if k == 2: return rnd.choice(["1st","2nd","3rd","4th","5th"]) + " " + rnd.choice(NAMES_DOW)
    return num_expr(1, 31)

def dow_expr():
    k = rnd.randint(0, 3)
    if k == 0: return rnd.choice(NAMES_DOW)
    if k == 1:
        a = rnd.randint(0, 5); b = rnd.randint(a + 1, 6); return NAMES_DOW[a] + "-" + NAMES_DOW[b]
    return num_expr(0, 6)

def month_expr():
    if rnd.random() < 0.3:
        a = rnd.randint(0, 10); b = rnd.randint(a + 1, 11); return NAMES_MON[a] + "-" + NAMES_MON[b]
    return num_expr(1, 12)

GEN = {"second": lambda: num_expr(0, 59), "minute": lambda: num_expr(0, 59), "hour": lambda: num_expr(0, 23),
       "day": day_expr, "day_of_week": dow_expr, "month": month_expr, "week": lambda: num_expr(1, 53),
       "year": lambda: rnd.choice(["*", "2021-2030", "*/2", "2025", "2022,2024,2026"])}
ORDER = ["year", "month", "day", "week", "day_of_week", "hour", "minute", "second"]

def cron_spec():
    n = rnd.choice([1, 1, 2, 2, 2, 3, 3, 4])
    weights = {"year": 1, "month": 3, "day": 4, "week": 1, "day_of_week": 3, "hour": 6, "minute": 6, "second": 3}
    fields = {}
    while len(fields) < n:
        f = rnd.choices(list(weights), list(weights.values()))[0]
        fields[f] = GEN[f]()
    return {"type": "cron", "fields": {k: fields[k] for k in ORDER if k in fields}}

def crontab_spec():
    parts = [num_expr(0, 59), num_expr(0, 23), rnd.choice(["*", num_expr(1, 28)]), rnd.choice(["*", "*", month_expr()]), rnd.choice(["*", "*", num_expr(0, 6), "mon-fri"])]
    return {"type": "crontab", "expr": " ".join(parts)}

def local_str(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S")

def interval_spec(start_local):
    spec = {"type": "interval"}
    for u, hi in [("days", 2), ("hours", 5), ("minutes", 90), ("seconds", 90)]:
        if rnd.random() < 0.35: spec[u] = rnd.randint(0, hi)
    spec["start_date"] = local_str(start_local + timedelta(minutes=rnd.randint(-600, 120)))
    return spec

def build(spec, tz):
    z = spec.get("timezone", tz)
    t = spec["type"]
    if t == "cron":
        return CronTrigger(timezone=z, **spec["fields"], start_date=spec.get("start_date"), end_date=spec.get("end_date"))
    if t == "crontab":
        return CronTrigger.from_crontab(spec["expr"], timezone=z)
    if t == "interval":
        kw = {k: spec[k] for k in ("weeks", "days", "hours", "minutes", "seconds") if k in spec}
        return IntervalTrigger(timezone=z, start_date=spec["start_date"], end_date=spec.get("end_date"), **kw)
    if t == "date":
        return DateTrigger(run_date=spec["run_date"], timezone=z)
    if t == "and":
        from apscheduler.triggers.combining import AndTrigger
        return AndTrigger([build(s, z) for s in spec["triggers"]])
    if t == "or":
        return OrTrigger([build(s, z) for s in spec["triggers"]])

class Timeout(Exception): pass
def on_alarm(*a): raise Timeout()
signal.signal(signal.SIGALRM, on_alarm)

out = open(sys.argv[1], "w")
count = 0
for i in range(int(sys.argv[3]) if len(sys.argv) > 3 else 2000):
    tz = rnd.choice(ZONES)
    anchor = datetime.fromisoformat(ANCHORS[rnd.randrange(len(ANCHORS))]).replace(tzinfo=timezone.utc)
    start = anchor + timedelta(seconds=rnd.choice([0, -1, 1, -3600, -1800, 1800, 3600, rnd.randint(-86400 * 3, 86400)]))
    zi = ZoneInfo(tz)
    start_local = start.astimezone(zi).replace(tzinfo=None)
    r = rnd.random()
    if r < 0.6: spec = cron_spec()
    elif r < 0.75: spec = crontab_spec()
    elif r < 0.85: spec = interval_spec(start_local)
    elif r < 0.9: spec = {"type": "date", "run_date": local_str(start_local + timedelta(minutes=rnd.randint(-120, 120)))}
    elif r < 0.95: spec = {"type": "or", "triggers": [cron_spec(), cron_spec()]}
    else: spec = {"type": "and", "triggers": [cron_spec(), rnd.choice([cron_spec(), interval_spec(start_local)])]}
    if spec["type"] == "cron" and rnd.random() < 0.15:
        spec["start_date"] = local_str(start_local + timedelta(hours=rnd.randint(-5, 30)))
    if spec["type"] == "cron" and rnd.random() < 0.15:
        spec["end_date"] = local_str(start_local + timedelta(hours=rnd.randint(1, 200)))
    try:
        trig = build(spec, tz)
    except ValueError:
        continue
    s0 = start.astimezone(zi)
    now = datetime.fromisoformat(s0.strftime('%Y-%m-%dT%H:%M:%S') + s0.strftime('%z')[:3] + ':' + s0.strftime('%z')[3:])
    prev = None
    expect = []
    stop = "limit"
    try:
        signal.alarm(3)
        for _ in range(1 if spec["type"] == "and" else 10):
            nxt = trig.get_next_fire_time(prev, now)
            if nxt is None:
                stop = "none"; break
            nxt = nxt.astimezone(timezone.utc).astimezone(zi)  # normalise nonexistent local times
            expect.append(nxt.strftime("%Y-%m-%dT%H:%M:%S") + nxt.strftime("%z")[:3] + ":" + nxt.strftime("%z")[3:])
            prev = now = nxt
        signal.alarm(0)
    except Timeout:
        continue
    except Exception as e:
        signal.alarm(0)
        continue
    s = start.astimezone(zi)
    case = {"id": "diff-%05d" % i, "group": "diff", "trigger": spec, "timezone": tz,
            "start": s.strftime("%Y-%m-%dT%H:%M:%S") + s.strftime("%z")[:3] + ":" + s.strftime("%z")[3:],
            "expect": expect, "stop": stop, "note": ""}
    out.write(json.dumps(case) + "\n"); count += 1
print(count, "cases")
