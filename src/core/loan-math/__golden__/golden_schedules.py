#!/usr/bin/env python3
"""Independent reference for schedule.golden.spec.ts.

Written separately from the TypeScript engine, from the conventions in ../README.md, with
exact rationals (fractions.Fraction) and the standard library's calendar. Run once:

    python3 src/core/loan-math/__golden__/golden_schedules.py

and its output is pasted into the spec as the expected tables. It is not run by the tests.
"""
from datetime import date, timedelta
from fractions import Fraction as F
import calendar, json, math

def last_day(y, m): return calendar.monthrange(y, m)[1]
def add_months(d, n, day):
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(day, last_day(y, m)))

def due_dates(disb, first, freq, n):
    anchor = first or disb
    start = 0 if first else 1
    step = {'DAILY': 1, 'WEEKLY': 7, 'BIWEEKLY': 14}.get(freq)
    if step: return [anchor + timedelta(days=(start + k) * step) for k in range(n)]
    if freq == 'SEMI_MONTHLY':
        base, h0 = (anchor.day, 0) if anchor.day <= 15 else (anchor.day - 15, 1)
        out = []
        for k in range(n):
            h = h0 + start + k
            out.append(add_months(date(anchor.year, anchor.month, 1), h // 2, base if h % 2 == 0 else base + 15))
        return out
    months = {'MONTHLY': 1, 'QUARTERLY': 3}[freq]
    return [add_months(anchor, (start + k) * months, anchor.day) for k in range(n)]

def days360(s, e):
    d1 = 30 if s.day == 31 else s.day
    d2 = 30 if (e.day == 31 and d1 >= 30) else e.day
    return 360 * (e.year - s.year) + 30 * (e.month - s.month) + d2 - d1

def year_fraction(s, e, dc):
    if dc == 'ACTUAL_365': return F((e - s).days, 365)
    if dc == 'ACTUAL_360': return F((e - s).days, 360)
    if dc == 'THIRTY_360': return F(days360(s, e), 360)
    total, cur = F(0), s
    while cur < e:
        nxt = min(date(cur.year + 1, 1, 1), e)
        total += F((nxt - cur).days, 366 if calendar.isleap(cur.year) else 365)
        cur = nxt
    return total

T360 = {'DAILY': 1, 'WEEKLY': 7, 'BIWEEKLY': 14, 'SEMI_MONTHLY': 15, 'MONTHLY': 30, 'QUARTERLY': 90}
PPY = {'SEMI_MONTHLY': 24, 'MONTHLY': 12, 'QUARTERLY': 4}

def rnd(x, dec, mode):
    """Round a Fraction to dec decimals; x >= 0."""
    s = F(10) ** dec
    y = x * s
    fl = math.floor(y)
    r = y - fl
    if r == 0: q = fl
    elif mode == 'DOWN': q = fl
    elif mode == 'UP': q = fl + 1
    elif mode == 'HALF_UP': q = fl + 1 if r >= F(1, 2) else fl
    else: q = fl + 1 if (r > F(1, 2) or (r == F(1, 2) and fl % 2 == 1)) else fl
    return F(q) / s

def ceil_multiple(x, m): return math.ceil(x / m) * m

def schedule(c):
    dec, mode = c['decimals'], c['mode']
    R = lambda x: rnd(x, dec, mode)
    P0 = F(c['principal']); rate = F(c['rate']); n = c['n']; freq = c['freq']; dc = c['dayCount']
    gp, gi = c.get('gp', 0), c.get('gi', 0)
    mult = F(c['multiple']) if c.get('multiple') else None
    disb = date.fromisoformat(c['disb']); first = date.fromisoformat(c['first']) if c.get('first') else None
    deducted = financed = upfront = F(0); fee = F(0)
    for f in c.get('fees', []):
        amt = R(F(f['flat'])) if 'flat' in f else R(P0 * F(f['percent']))
        if f['kind'] == 'PER_INSTALLMENT': fee += amt
        elif f['treatment'] == 'DEDUCTED': deducted += amt
        elif f['treatment'] == 'FINANCED': financed += amt
        else: upfront += amt
    P = P0 + financed
    dues = due_dates(disb, first, freq, n)
    regular_first = due_dates(disb, None, freq, 1)[0]
    odd = first is not None and first != regular_first
    fr, prev = [], disb
    for k, d in enumerate(dues):
        fr.append(F(T360[freq], 360) if dc == 'THIRTY_360' and not (k == 0 and odd) else year_fraction(prev, d, dc))
        prev = d
    if dc == 'THIRTY_360': nominal = rate * F(T360[freq], 360)
    elif freq in ('DAILY', 'WEEKLY', 'BIWEEKLY'): nominal = rate * F(T360[freq], 360 if dc == 'ACTUAL_360' else 365)
    else: nominal = rate / PPY[freq]
    am = c['amortization']; m = n - gp
    rows = []; bal = P; deferred = F(0)
    def collect(k, accrued):
        nonlocal deferred
        if k < gi: deferred += accrued; return F(0)
        out = accrued + deferred; deferred = F(0); return out
    if am in ('FLAT', 'BULLET'):
        I = R(P * rate * sum(fr))
        if am == 'BULLET':
            for k in range(n):
                lastk = k == n - 1
                rows.append((dues[k], P if lastk else F(0), I if lastk else F(0), F(0) if lastk else P))
        else:
            irow = R(I / n); prow = R(P / m)
            if mult: prow = ceil_multiple(prow + irow, mult) - irow
            left = I
            for k in range(n):
                acc = left if k == n - 1 else min(irow, left); left -= acc
                p = bal if k == n - 1 else (F(0) if k < gp else min(prow, bal)); bal -= p
                rows.append((dues[k], p, collect(k, acc), bal))
    else:
        if am == 'EQUAL_INSTALLMENT':
            exact = P / m if nominal == 0 else P * nominal / (1 - (1 + nominal) ** -m)
            regular = ceil_multiple(exact, mult) if mult else R(exact)
        elif am == 'EQUAL_PRINCIPAL':
            regular = ceil_multiple(P / m, mult) if mult else R(P / m)
        for k in range(n):
            acc = R(bal * rate * fr[k])
            if k == n - 1: p = bal
            elif k < gp or am == 'INTEREST_ONLY': p = F(0)
            else: p = min(max(regular - acc if am == 'EQUAL_INSTALLMENT' else regular, F(0)), bal)
            bal -= p
            rows.append((dues[k], p, collect(k, acc), bal))
    fmt = lambda x: format_dec(x, dec)
    return {
        'rows': [[d.isoformat(), fmt(p), fmt(i), fmt(fee), fmt(p + i + fee), fmt(b)] for d, p, i, b in rows],
        'netDisbursement': fmt(P0 - deducted),
        'totalInterest': fmt(sum(r[2] for r in rows)),
    }

def format_dec(x, dec):
    s = F(10) ** dec
    v = x * s
    assert v.denominator == 1, x
    v = int(v); sign = '-' if v < 0 else ''; v = abs(v)
    if dec == 0: return sign + str(v)
    digits = str(v).rjust(dec + 1, '0')
    return f'{sign}{digits[:-dec]}.{digits[-dec:]}'

CASES = {
  'issue example: 100.00 at 9.4822%, 6 monthly, 30/360, HALF_EVEN':
    dict(principal='100.00', rate='0.094822', n=6, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-01-01', decimals=2, mode='HALF_EVEN'),
  'annuity, ACTUAL_365 across the 2024 leap day, month-end anchor 30 Nov, HALF_UP':
    dict(principal='10000.00', rate='0.18', n=12, freq='MONTHLY', dayCount='ACTUAL_365', amortization='EQUAL_INSTALLMENT', disb='2023-11-30', decimals=2, mode='HALF_UP'),
  'equal principal from 31 Jan (clamps to 29 Feb, back to 31 Mar), ACTUAL_ACTUAL':
    dict(principal='1200.00', rate='0.12', n=6, freq='MONTHLY', dayCount='ACTUAL_ACTUAL', amortization='EQUAL_PRINCIPAL', disb='2024-01-31', decimals=2, mode='HALF_EVEN'),
  'ACTUAL_ACTUAL split across 2023/2024, quarterly annuity':
    dict(principal='8000.00', rate='0.10', n=4, freq='QUARTERLY', dayCount='ACTUAL_ACTUAL', amortization='EQUAL_INSTALLMENT', disb='2023-11-15', decimals=2, mode='HALF_EVEN'),
  'ties: HALF_EVEN':
    dict(principal='100.50', rate='0.12', n=3, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_PRINCIPAL', disb='2024-03-10', decimals=2, mode='HALF_EVEN'),
  'ties: HALF_UP':
    dict(principal='100.50', rate='0.12', n=3, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_PRINCIPAL', disb='2024-03-10', decimals=2, mode='HALF_UP'),
  'ties: DOWN':
    dict(principal='100.50', rate='0.12', n=3, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_PRINCIPAL', disb='2024-03-10', decimals=2, mode='DOWN'),
  'ties: UP':
    dict(principal='100.50', rate='0.12', n=3, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_PRINCIPAL', disb='2024-03-10', decimals=2, mode='UP'),
  'installmentMultipleOf 5: annuity rounded up to a multiple, short last row':
    dict(principal='1000.00', rate='0.24', n=12, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-05-05', decimals=2, mode='HALF_EVEN', multiple='5'),
  'installmentMultipleOf 0.05 on FLAT':
    dict(principal='1000.00', rate='0.18', n=7, freq='MONTHLY', dayCount='THIRTY_360', amortization='FLAT', disb='2024-05-05', decimals=2, mode='HALF_EVEN', multiple='0.05'),
  'grace: 2 periods on principal, 1 on interest (deferred to row 2)':
    dict(principal='1200.00', rate='0.12', n=6, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-01-10', decimals=2, mode='HALF_EVEN', gp=2, gi=1),
  'grace on interest 3 periods, equal principal':
    dict(principal='900.00', rate='0.30', n=6, freq='MONTHLY', dayCount='ACTUAL_365', amortization='EQUAL_PRINCIPAL', disb='2024-01-10', decimals=2, mode='HALF_EVEN', gi=3),
  'fees: 2% deducted, 50 financed, 10 paid upfront, 1.50 per instalment':
    dict(principal='1000.00', rate='0.12', n=6, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-01-10', decimals=2, mode='HALF_EVEN',
         fees=[{'kind': 'UPFRONT', 'treatment': 'DEDUCTED', 'percent': '0.02'}, {'kind': 'UPFRONT', 'treatment': 'FINANCED', 'flat': '50'},
               {'kind': 'UPFRONT', 'treatment': 'PAID_UPFRONT', 'flat': '10'}, {'kind': 'PER_INSTALLMENT', 'flat': '1.50'}]),
  'quarterly annuity, ACTUAL_360, anchored on 29 Feb':
    dict(principal='50000.00', rate='0.10', n=8, freq='QUARTERLY', dayCount='ACTUAL_360', amortization='EQUAL_INSTALLMENT', disb='2024-02-29', decimals=2, mode='HALF_EVEN'),
  'weekly annuity, ACTUAL_365':
    dict(principal='500.00', rate='0.52', n=10, freq='WEEKLY', dayCount='ACTUAL_365', amortization='EQUAL_INSTALLMENT', disb='2024-02-20', decimals=2, mode='HALF_EVEN'),
  'weekly annuity, THIRTY_360 (a week is 7/360)':
    dict(principal='500.00', rate='0.52', n=10, freq='WEEKLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-02-20', decimals=2, mode='HALF_EVEN'),
  'interest only (balloon)':
    dict(principal='1000.00', rate='0.12', n=4, freq='MONTHLY', dayCount='THIRTY_360', amortization='INTEREST_ONLY', disb='2024-01-15', decimals=2, mode='HALF_EVEN'),
  'flat':
    dict(principal='1000.00', rate='0.13', n=6, freq='MONTHLY', dayCount='THIRTY_360', amortization='FLAT', disb='2024-01-15', decimals=2, mode='HALF_EVEN'),
  'bullet, ACTUAL_365 over the leap day':
    dict(principal='1000.00', rate='0.12', n=3, freq='MONTHLY', dayCount='ACTUAL_365', amortization='BULLET', disb='2024-01-15', decimals=2, mode='HALF_EVEN'),
  'semi-monthly from the 20th (pairs 5th / 20th)':
    dict(principal='600.00', rate='0.24', n=4, freq='SEMI_MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-01-20', decimals=2, mode='HALF_EVEN'),
  'odd (long) first period, 30/360 days for it':
    dict(principal='3000.00', rate='0.15', n=5, freq='MONTHLY', dayCount='THIRTY_360', amortization='EQUAL_INSTALLMENT', disb='2024-01-20', first='2024-03-15', decimals=2, mode='HALF_EVEN'),
  'JPY (0 decimals), daily, ACTUAL_365':
    dict(principal='100000', rate='0.15', n=10, freq='DAILY', dayCount='ACTUAL_365', amortization='EQUAL_INSTALLMENT', disb='2024-02-25', decimals=0, mode='HALF_UP'),
  'KWD (3 decimals), biweekly, ACTUAL_360':
    dict(principal='750.125', rate='0.085', n=6, freq='BIWEEKLY', dayCount='ACTUAL_360', amortization='EQUAL_PRINCIPAL', disb='2024-12-20', decimals=3, mode='HALF_EVEN'),
}

if __name__ == '__main__':
    out = {name: {'input': c, **schedule(c)} for name, c in CASES.items()}
    print(json.dumps(out, indent=None))
