#!/usr/bin/env python3
"""Text-encodes the records of Databento's own DBN v3 test files test_data.ohlcv-{1s,1m,1h}.dbn.zst (in
../shared/fixtures/databento/dbn/) the way dbn's CSV and JSON encoders do, as the ohlcv-1d DERIVED fixtures are:
raw = integer prices and nanosecond timestamps, no symbol; pretty_mapped = 9-decimal prices, ISO timestamps with
nanoseconds, the mapped symbol. Run from this directory with the path of the dbn folder; needs the zstd CLI."""
import struct, subprocess, sys, json

dbn_dir = sys.argv[1]
SYMBOL = {5482: "ESH1"}  # the files' own symbology (ESH1 <-> 5482, 2020-12-27/28)

def pretty_px(v):
    return "%d.%09d" % (v // 1_000_000_000, v % 1_000_000_000) if v >= 0 else "-" + pretty_px(-v)

def pretty_ts(ns):
    import datetime
    s, n = divmod(ns, 1_000_000_000)
    return datetime.datetime.fromtimestamp(s, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%09dZ" % n

for schema in ("1s", "1m", "1h"):
    raw = subprocess.run(["zstd", "-q", "-d", "-c", f"{dbn_dir}/test_data.ohlcv-{schema}.dbn.zst"],
                         check=True, capture_output=True).stdout
    assert raw[:3] == b"DBN" and raw[3] == 3
    off = 8 + struct.unpack("<I", raw[4:8])[0]
    records = []
    while off < len(raw):
        length, rtype = raw[off] * 4, raw[off + 1]
        pub, iid, ts = struct.unpack("<HIQ", raw[off + 2:off + 16])
        o, h, l, c, v = struct.unpack("<qqqqQ", raw[off + 16:off + 56])
        records.append((ts, rtype, pub, iid, o, h, l, c, v))
        off += length
    base = f"databento_DERIVED_ohlcv-{schema}_ESH1"
    head = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume"
    with open(f"{base}_csv_raw.csv", "w") as f:
        f.write(head + "\n")
        for r in records:
            f.write(",".join(str(x) for x in r) + "\n")
    with open(f"{base}_csv_pretty_mapped.csv", "w") as f:
        f.write(head + ",symbol\n")
        for ts, rt, pub, iid, o, h, l, c, v in records:
            f.write(",".join([pretty_ts(ts), str(rt), str(pub), str(iid)] + [pretty_px(x) for x in (o, h, l, c)]
                             + [str(v), SYMBOL[iid]]) + "\n")
    def line(r, pretty):
        ts, rt, pub, iid, o, h, l, c, v = r
        px = pretty_px if pretty else str
        d = {"hd": {"ts_event": pretty_ts(ts) if pretty else str(ts), "rtype": rt, "publisher_id": pub,
                    "instrument_id": iid},
             "open": px(o), "high": px(h), "low": px(l), "close": px(c), "volume": str(v)}
        if pretty:
            d["symbol"] = SYMBOL[iid]
        return json.dumps(d, separators=(",", ":"))
    with open(f"{base}_json_raw.jsonl", "w") as f:
        f.writelines(line(r, False) + "\n" for r in records)
    with open(f"{base}_json_pretty_mapped.jsonl", "w") as f:
        f.writelines(line(r, True) + "\n" for r in records)
