#!/usr/bin/env python3
"""Text-encodes the records of Databento's own DBN v3 test files test_data.bbo-1s.dbn.zst and
test_data.bbo-1m.dbn.zst (beside this script) the way dbn's CSV and JSON encoders do with pretty_px, pretty_ts and
map_symbols off ("raw"), as the other DERIVED fixtures are. Databento publishes no text of these two files, so this is
an independent decoder written from the DBN specification, not from the Java one it checks: the layout of BboMsg in
github.com/databento/dbn rust/dbn/src/record.rs (RecordHeader, then price i64, size u32, _reserved1 u8, side c_char,
flags u8, _reserved2 u8, ts_recv u64, _reserved3 [u8; 4], sequence u32, one BidAskPair: bid_px i64, ask_px i64,
bid_sz u32, ask_sz u32, bid_ct u32, ask_ct u32; 80 bytes, little-endian), and the encoders' field order
(encode_order: ts_recv, the header, side, then the rest in order; the level's fields suffixed _00 in CSV, nested
under "levels" in JSON, 64-bit integers as JSON strings).

Run from this directory (python3 and the zstd command line tool), it writes
databento_DERIVED_bbo-1s_ESH1_csv_raw.csv, ..._json_raw.jsonl and the same for bbo-1m:
    python3 derive_bbo.py
"""
import json
import struct
import subprocess

HEAD = ("ts_recv,ts_event,rtype,publisher_id,instrument_id,side,price,size,flags,sequence,"
        "bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00")

for schema in ("bbo-1s", "bbo-1m"):
    raw = subprocess.run(["zstd", "-q", "-d", "-c", f"test_data.{schema}.dbn.zst"],
                         check=True, capture_output=True).stdout
    assert raw[:3] == b"DBN" and raw[3] == 3, "a DBN v3 file"
    offset = 8 + struct.unpack("<I", raw[4:8])[0]
    records = []
    while offset < len(raw):
        length = raw[offset] * 4
        assert length == 80, "a BboMsg"
        rec = raw[offset:offset + length]
        rtype, publisher_id, instrument_id, ts_event = struct.unpack("<BHIQ", rec[1:16])
        price, size, _r1, side, flags, _r2, ts_recv, _r3, sequence = struct.unpack("<qIBcBBQ4sI", rec[16:48])
        bid_px, ask_px, bid_sz, ask_sz, bid_ct, ask_ct = struct.unpack("<qqIIII", rec[48:80])
        records.append(dict(ts_recv=ts_recv, ts_event=ts_event, rtype=rtype, publisher_id=publisher_id,
                            instrument_id=instrument_id, side=side.decode(), price=price, size=size, flags=flags,
                            sequence=sequence, bid_px=bid_px, ask_px=ask_px, bid_sz=bid_sz, ask_sz=ask_sz,
                            bid_ct=bid_ct, ask_ct=ask_ct))
        offset += length
    base = f"databento_DERIVED_{schema}_ESH1"
    with open(f"{base}_csv_raw.csv", "w") as out:
        out.write(HEAD + "\n")
        for r in records:
            out.write(",".join(str(r[k]) for k in ("ts_recv", "ts_event", "rtype", "publisher_id", "instrument_id",
                                                   "side", "price", "size", "flags", "sequence", "bid_px", "ask_px",
                                                   "bid_sz", "ask_sz", "bid_ct", "ask_ct")) + "\n")
    with open(f"{base}_json_raw.jsonl", "w") as out:
        for r in records:
            line = {"ts_recv": str(r["ts_recv"]),
                    "hd": {"ts_event": str(r["ts_event"]), "rtype": r["rtype"], "publisher_id": r["publisher_id"],
                           "instrument_id": r["instrument_id"]},
                    "side": r["side"], "price": str(r["price"]), "size": r["size"], "flags": r["flags"],
                    "sequence": r["sequence"],
                    "levels": [{"bid_px": str(r["bid_px"]), "ask_px": str(r["ask_px"]), "bid_sz": r["bid_sz"],
                                "ask_sz": r["ask_sz"], "bid_ct": r["bid_ct"], "ask_ct": r["ask_ct"]}]}
            out.write(json.dumps(line, separators=(",", ":")) + "\n")
