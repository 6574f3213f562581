"""Writes the recorded-format HE options chain used by OptionsPipelineTest and the sample mode.

Layout: Databento's exact CSV and JSON encodings (definition rows use the real DBN v3 column set of the
ESH1 definition fixture, template_definition_raw.csv). Values are designed so that the chain's features can
be checked by hand (see OptionsPipelineTest): open interest totals, liquid strikes, and at-the-money quotes
priced with Black-76 at a chosen volatility (computed here with Python's math.erf, independently of the Java
code), so the at-the-money implied volatility is known in advance.

Run: python3 generate_chain.py   (from this directory; writes test files here and the sample set into
src/main/resources/samples/databento/HE.OPT-2026-02-17/)
"""
import csv, io, json, math, os
from datetime import datetime, timezone

NS = 1_000_000_000
def ns(iso): return int(datetime.fromisoformat(iso.replace('Z', '+00:00')).timestamp()) * NS
def pretty_ts(n): return datetime.fromtimestamp(n // NS, tz=timezone.utc).strftime('%Y-%m-%dT%H:%M:%S') + '.%09dZ' % (n % NS)
def raw_px(p): return str(int(round(p * NS)))
def pretty_px(p): return '%.9f' % p

N = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))
def b76(call, F, K, T, r, s):
    d1 = (math.log(F / K) + 0.5 * s * s * T) / (s * math.sqrt(T)); d2 = d1 - s * math.sqrt(T); D = math.exp(-r * T)
    return D * (F * N(d1) - K * N(d2)) if call else D * (K * N(-d2) - F * N(-d1))

RATE = 0.045
SNAPSHOT = ns('2026-02-17T19:00:00Z')          # 13:00 America/Chicago
YEAR = 365 * 86400 * NS
HEJ6, HEM6 = 42140102, 42140104
APR = ns('2026-04-14T17:00:00Z'); JUN = ns('2026-06-12T17:00:00Z')
F_APR, F_JUN = 91.175, 103.8

definitions = []   # (id, raw_symbol, class, strike, expiration, underlying, underlying_id)
definitions.append((HEJ6, 'HEJ6', 'F', None, APR, '', 0))
definitions.append((HEM6, 'HEM6', 'F', None, JUN, '', 0))
quotes = []        # (ts_recv, id, bid, ask, bid_sz, ask_sz)
stats = []         # (ts_recv, id, stat_type, price, quantity, update_action)
quotes.append((SNAPSHOT - 600 * NS, HEJ6, 91.100, 91.250, 12, 9))
quotes.append((SNAPSHOT - 60 * NS, HEJ6, 91.150, 91.200, 15, 11))   # last before the snapshot: mid 91.175
quotes.append((SNAPSHOT + 60 * NS, HEJ6, 95.000, 95.100, 1, 1))      # after the snapshot: must be ignored
quotes.append((SNAPSHOT - 120 * NS, HEM6, 103.750, 103.850, 7, 8))   # mid 103.8

next_id = [43000001]
def option(call, strike, expiry, underlying, underlying_id, vol, oi, spread=0.025, crossed=False, forward=None):
    iid = next_id[0]; next_id[0] += 1
    sym = '%s %s%d' % (underlying, 'C' if call else 'P', int(round(strike * 100)))
    definitions.append((iid, sym, 'C' if call else 'P', strike, expiry, underlying, underlying_id))
    T = (expiry - SNAPSHOT) / YEAR
    mid = b76(call, forward, strike, T, RATE, vol)
    bid, ask = mid - spread / 2, mid + spread / 2
    if crossed:
        bid, ask = ask, bid
    quotes.append((SNAPSHOT - 1800 * NS, iid, bid - 0.05, ask + 0.05, 3, 3))   # an earlier, wider quote
    quotes.append((SNAPSHOT - 300 * NS, iid, bid, ask, 5, 4))
    stats.append((ns('2026-02-17T12:00:00Z') - 3600 * NS, iid, 9, None, oi + 7, 1))   # preliminary OI
    stats.append((ns('2026-02-17T12:00:00Z'), iid, 9, None, oi, 1))                   # final OI: wins
    stats.append((ns('2026-02-13T20:30:00Z'), iid, 3, round(mid, 3), None, 1))       # Friday's settlement
    stats.append((SNAPSHOT + 5400 * NS, iid, 3, round(mid + 1, 3), None, 1))         # today's: after the snapshot
    return iid, mid

# April: 9 strikes, calls OI 100, puts OI 60 (strike 100 put: 20); ATM strike 92 priced at 30 % vol.
for k in [84, 86, 88, 90, 92, 94, 96, 98, 100]:
    smile = 0.30 + 0.004 * abs(k - 92)
    option(True, k, APR, 'HEJ6', HEJ6, smile, 100, crossed=(k == 100), forward=F_APR)
    option(False, k, APR, 'HEJ6', HEJ6, smile, 20 if k == 100 else 60, forward=F_APR)
# June: 3 strikes (fewer than 8 liquid: degraded); ATM strike 104: call at 26 %, put at 28 %.
for k, (call_oi, put_oi) in {96: (30, 80), 100: (70, 40), 104: (50, 20)}.items():
    option(True, k, JUN, 'HEM6', HEM6, 0.26 if k == 104 else 0.27, call_oi, forward=F_JUN)
    option(False, k, JUN, 'HEM6', HEM6, 0.28 if k == 104 else 0.27, put_oi, forward=F_JUN)

def write_sets(directory, json_enc, with_bad_records):
    defs = list(definitions); qs = list(quotes)
    if with_bad_records:
        # an option that expired before the data date, and quotes for an instrument nobody defined
        defs.append((43999001, 'HEG6 C9000', 'C', 90.0, ns('2026-02-13T17:00:00Z'), 'HEG6', 42140101))
        qs.append((SNAPSHOT - 900 * NS, 43999001, 1.0, 1.1, 1, 1))
        qs.append((SNAPSHOT - 900 * NS, 99999999, 2.0, 2.1, 1, 1))
    write_definitions(directory, defs, json_enc)
    write_statistics(directory, json_enc)
    write_quotes(directory, sorted(qs), json_enc)

def template():
    rows = list(csv.reader(open('template_definition_raw.csv')))
    return rows[0], rows[1]

def definition_fields(d, pretty):
    iid, sym, cls, strike, expiry, und, und_id = d
    header, row = template()
    f = dict(zip(header, row))
    ts = ns('2026-02-17T00:00:00Z')
    f.update({'ts_recv': str(ts), 'ts_event': str(ts - 3600 * NS), 'rtype': '19', 'instrument_id': str(iid),
              'raw_symbol': sym, 'instrument_class': cls, 'min_price_increment': raw_px(0.025),
              'display_factor': raw_px(1.0), 'expiration': str(expiry), 'high_limit_price': '9223372036854775807',
              'low_limit_price': '9223372036854775807', 'max_price_variation': '9223372036854775807',
              'unit_of_measure_qty': raw_px(40000), 'min_price_increment_amount': raw_px(10.0),
              'underlying_id': str(und_id), 'group': 'HE', 'asset': 'HE', 'exchange': 'XCME',
              'cfi': {'F': 'FCAPSO', 'C': 'OCAFPS', 'P': 'OPAFPS'}[cls],
              'security_type': 'FUT' if cls == 'F' else 'OOF', 'unit_of_measure': 'LBS', 'underlying': und,
              'strike_price_currency': '' if cls == 'F' else 'USD',
              'strike_price': '9223372036854775807' if strike is None else raw_px(strike)})
    if pretty:
        for k in ['ts_recv', 'ts_event', 'expiration', 'activation']:
            f[k] = pretty_ts(int(f[k]))
        for k in ['min_price_increment', 'display_factor', 'high_limit_price', 'low_limit_price', 'max_price_variation',
                  'unit_of_measure_qty', 'min_price_increment_amount', 'price_ratio', 'strike_price', 'leg_price', 'leg_delta']:
            v = f.get(k, '')
            f[k] = '' if v in ('', '9223372036854775807') else pretty_px(int(v) / NS)
    return header, f

def write_definitions(directory, defs, json_enc):
    out = io.StringIO()
    if json_enc:
        for d in defs:
            header, f = definition_fields(d, True)
            obj = {'ts_recv': f['ts_recv'], 'hd': {'ts_event': f['ts_event'], 'rtype': 19, 'publisher_id': 1,
                   'instrument_id': int(f['instrument_id'])}}
            for k in header[5:]:
                v = f[k]
                obj[k] = None if v == '' and k in ('strike_price', 'price_ratio', 'leg_price', 'leg_delta') else v
            obj['symbol'] = d[1]
            out.write(json.dumps(obj, separators=(',', ':')) + '\n')
        open(os.path.join(directory, 'definition.jsonl'), 'w').write(out.getvalue())
    else:
        w = csv.writer(out, lineterminator='\n')
        header, _ = template(); w.writerow(header + ['symbol'])
        for d in defs:
            header, f = definition_fields(d, False)
            w.writerow([f[k] for k in header] + [d[1]])
        open(os.path.join(directory, 'definition.csv'), 'w').write(out.getvalue())

def write_statistics(directory, json_enc):
    out = io.StringIO()
    seq = 1000
    if json_enc:
        for ts, iid, st, price, qty, act in sorted(stats):
            seq += 1
            out.write(json.dumps({'ts_recv': pretty_ts(ts), 'hd': {'ts_event': pretty_ts(ts - 1000), 'rtype': 24,
                'publisher_id': 1, 'instrument_id': iid}, 'ts_ref': '2026-02-13T00:00:00.000000000Z' if st == 3 else None,
                'price': None if price is None else pretty_px(price),
                'quantity': '9223372036854775807' if qty is None else str(qty), 'sequence': seq, 'ts_in_delta': 1000,
                'stat_type': st, 'channel_id': 0, 'update_action': act, 'stat_flags': 255}, separators=(',', ':')) + '\n')
        open(os.path.join(directory, 'statistics.jsonl'), 'w').write(out.getvalue())
    else:
        w = csv.writer(out, lineterminator='\n')
        w.writerow('ts_recv,ts_event,rtype,publisher_id,instrument_id,ts_ref,price,quantity,sequence,ts_in_delta,stat_type,channel_id,update_action,stat_flags'.split(','))
        for ts, iid, st, price, qty, act in sorted(stats):
            seq += 1
            w.writerow([ts, ts - 1000, 24, 1, iid, ns('2026-02-13T00:00:00Z') if st == 3 else 18446744073709551615,
                        '9223372036854775807' if price is None else raw_px(price),
                        '9223372036854775807' if qty is None else qty, seq, 1000, st, 0, act, 255])
        open(os.path.join(directory, 'statistics.csv'), 'w').write(out.getvalue())

def write_quotes(directory, qs, json_enc):
    out = io.StringIO()
    seq = 5000
    if json_enc:
        for ts, iid, bid, ask, bs, as_ in qs:
            seq += 1
            out.write(json.dumps({'ts_recv': pretty_ts(ts), 'hd': {'ts_event': pretty_ts(ts - 2000), 'rtype': 1,
                'publisher_id': 1, 'instrument_id': iid}, 'action': 'A', 'side': 'B', 'depth': 0, 'price': pretty_px(bid),
                'size': bs, 'flags': 130, 'ts_in_delta': 2000, 'sequence': seq,
                'levels': [{'bid_px': pretty_px(bid), 'ask_px': pretty_px(ask), 'bid_sz': bs, 'ask_sz': as_,
                            'bid_ct': 1, 'ask_ct': 1}]}, separators=(',', ':')) + '\n')
        open(os.path.join(directory, 'mbp-1.jsonl'), 'w').write(out.getvalue())
    else:
        w = csv.writer(out, lineterminator='\n')
        w.writerow('ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,flags,ts_in_delta,sequence,bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00'.split(','))
        for ts, iid, bid, ask, bs, as_ in qs:
            seq += 1
            w.writerow([ts, ts - 2000, 1, 1, iid, 'A', 'B', 0, raw_px(bid), bs, 130, 2000, seq, raw_px(bid), raw_px(ask), bs, as_, 1, 1])
        open(os.path.join(directory, 'mbp-1.csv'), 'w').write(out.getvalue())

os.makedirs('csv', exist_ok=True); os.makedirs('json', exist_ok=True)
write_sets('csv', False, True)
write_sets('json', True, True)
sample = '../../../../main/resources/samples/databento/HE.OPT-2026-02-17'
os.makedirs(sample, exist_ok=True)
write_definitions(sample, definitions, False)
write_statistics(sample, True)
write_quotes(sample, sorted(quotes), False)
