#!/usr/bin/env python3
"""Standalone checker for a plan-widget plan file (format 1). No third-party packages.

Usage: python3 tools/check_plan.py PLAN.json PLAN_TEXT.txt

Checks:
  (a) every target's `source` is an exact substring of the plan text (the repo keeps the text
      without the page-metadata line the copied page began with);
  (b) evaluates every formula at the defaults (dependency order, cycles reported);
  (c) prints every target with value, goal and met / not met;
  (d) for each assumption at its `low` and `high`, lists the targets whose status flips
      (targets that are met but flip are `at_risk`);
  (e) for each lever and assumption: moving it from min to max changes at least one target or
      feasibility check, and nothing is NaN/inf at min, max, or 20 steps between.
Constraints (the `constraints` block) are lowered into derived quantities here independently of
the Rust validator, with the same names ({id}_available, {id}_{item}_need, {id}_need, {id}_gap,
{id}_{item}_share). Targets are counted by role (outcome, commitment, check); a check has no
`source`.
A target not met at the defaults is reported, not a failure: the plan as written shows what is
true. Exits non-zero on a broken file (quotes, ids, formulas, ranges, non-finite values, inputs
that move nothing).
"""
import json
import math
import re
import sys

FUNCS = {"min", "max", "if", "abs", "round", "floor", "ceil", "clamp", "not"}


class FormulaError(Exception):
    pass


TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*/(),<>]))")


def tokenize(src):
    pos, out = 0, []
    src = src.rstrip()
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise FormulaError("unexpected character %r at %d" % (src[pos:pos + 1], pos))
        num, name, op = m.groups()
        if num is not None:
            out.append(("num", float(num)))
        elif name is not None:
            out.append(("kw", name) if name in ("and", "or") else ("id", name))
        else:
            out.append(("op", op))
        pos = m.end()
    out.append(("end", None))
    return out


class Parser:
    """Recursive descent: or < and < comparison < + - < * / < unary - < atom."""

    def __init__(self, src):
        self.toks = tokenize(src)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, op):
        t = self.take()
        if t != ("op", op):
            raise FormulaError("expected %r, found %r" % (op, t[1]))

    def parse(self):
        e = self.p_or()
        if self.peek()[0] != "end":
            raise FormulaError("unexpected %r" % (self.peek()[1],))
        return e

    def p_or(self):
        e = self.p_and()
        while self.peek() == ("kw", "or"):
            self.take()
            e = ("or", e, self.p_and())
        return e

    def p_and(self):
        e = self.p_cmp()
        while self.peek() == ("kw", "and"):
            self.take()
            e = ("and", e, self.p_cmp())
        return e

    def p_cmp(self):
        e = self.p_add()
        while self.peek()[0] == "op" and self.peek()[1] in ("<", "<=", ">", ">=", "==", "!="):
            op = self.take()[1]
            e = ("bin", op, e, self.p_add())
        return e

    def p_add(self):
        e = self.p_mul()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            e = ("bin", op, e, self.p_mul())
        return e

    def p_mul(self):
        e = self.p_unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            e = ("bin", op, e, self.p_unary())
        return e

    def p_unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            return ("neg", self.p_unary())
        return self.p_atom()

    def p_atom(self):
        t = self.take()
        if t[0] == "num":
            return ("num", t[1])
        if t[0] == "id":
            if self.peek() == ("op", "("):
                if t[1] not in FUNCS:
                    raise FormulaError("unknown function %r" % t[1])
                self.take()
                args = []
                if self.peek() != ("op", ")"):
                    args.append(self.p_or())
                    while self.peek() == ("op", ","):
                        self.take()
                        args.append(self.p_or())
                self.expect(")")
                return ("call", t[1], args)
            return ("var", t[1])
        if t == ("op", "("):
            e = self.p_or()
            self.expect(")")
            return e
        raise FormulaError("unexpected %r" % (t[1],))


def variables(e, out):
    k = e[0]
    if k == "var":
        out.add(e[1])
    elif k == "neg":
        variables(e[1], out)
    elif k in ("and", "or"):
        variables(e[1], out)
        variables(e[2], out)
    elif k == "bin":
        variables(e[2], out)
        variables(e[3], out)
    elif k == "call":
        for a in e[2]:
            variables(a, out)
    return out


ARITY = {"min": (1, 99), "max": (1, 99), "if": (3, 3), "abs": (1, 1), "round": (1, 1), "floor": (1, 1),
         "ceil": (1, 1), "clamp": (3, 3), "not": (1, 1)}


def check_arity(e):
    k = e[0]
    if k == "call":
        lo, hi = ARITY[e[1]]
        if not lo <= len(e[2]) <= hi:
            raise FormulaError("%s takes %d..%d arguments, got %d" % (e[1], lo, hi, len(e[2])))
        for a in e[2]:
            check_arity(a)
    elif k == "neg":
        check_arity(e[1])
    elif k in ("and", "or"):
        check_arity(e[1]); check_arity(e[2])
    elif k == "bin":
        check_arity(e[2]); check_arity(e[3])


def ev(e, env):
    k = e[0]
    if k == "num":
        return e[1]
    if k == "var":
        return env[e[1]]
    if k == "neg":
        return -ev(e[1], env)
    if k == "and":
        return 1.0 if (ev(e[1], env) != 0 and ev(e[2], env) != 0) else 0.0
    if k == "or":
        return 1.0 if (ev(e[1], env) != 0 or ev(e[2], env) != 0) else 0.0
    if k == "bin":
        op, a, b = e[1], ev(e[2], env), ev(e[3], env)
        if op == "+": return a + b
        if op == "-": return a - b
        if op == "*": return a * b
        if op == "/":
            if b == 0:
                return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)
            return a / b
        return 1.0 if {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}[op] else 0.0
    if k == "call":
        f, args = e[1], [ev(a, env) for a in e[2]]
        if f == "min": return min(args)
        if f == "max": return max(args)
        if f == "if": return args[1] if args[0] != 0 else args[2]
        if f == "abs": return abs(args[0])
        if f in ("round", "floor", "ceil"):
            x = args[0]
            if not math.isfinite(x):
                return x
            return float({"round": lambda v: math.copysign(math.floor(abs(v) + 0.5), v), "floor": math.floor, "ceil": math.ceil}[f](x))
        if f == "clamp": return min(max(args[0], args[1]), args[2])
        if f == "not": return 0.0 if args[0] != 0 else 1.0
    raise FormulaError("bad node %r" % (k,))


def fmt(x):
    if x is None:
        return "-"
    if not math.isfinite(x):
        return str(x)
    return ("%.4f" % x).rstrip("0").rstrip(".")


def goal_str(g):
    if g.get("op") == "between":
        return "between %s and %s" % (fmt(g["min"]), fmt(g["max"]))
    return "%s %s" % (g.get("op"), fmt(g.get("value")))


EPS = 1e-9


def goal_holds(g, v):
    if v is None or not math.isfinite(v):
        return False
    op = g.get("op")
    if op == ">=": return v >= g["value"] - EPS
    if op == "<=": return v <= g["value"] + EPS
    if op == "=": return abs(v - g["value"]) <= EPS
    if op == "between": return g["min"] - EPS <= v <= g["max"] + EPS
    return False


def lower_constraints(plan):
    """The derived quantities each constraint stands for (see docs/plan-format.md)."""
    out = []
    for c in plan.get("constraints", []):
        cid = c["id"]
        needs = ["%s_%s_need" % (cid, it["id"]) for it in c["items"]]
        out.append({"id": cid + "_available", "formula": c["available"]})
        for it, n in zip(c["items"], needs):
            out.append({"id": n, "formula": it["need"]})
        out.append({"id": cid + "_need", "formula": " + ".join(needs) or "0"})
        out.append({"id": cid + "_gap", "formula": "max(0, %s_need - %s_available)" % (cid, cid)})
        for k, (it, n) in enumerate(zip(c["items"], needs)):
            if c["rule"] == "pro_rata":
                f = "if(%s_need <= 0, 1, clamp(%s_available / %s_need, 0, 1))" % (cid, cid, cid)
            else:
                left = "%s_available" % cid
                if k:
                    left += " - (%s)" % " + ".join(needs[:k])
                f = "if(%s <= 0, 1, clamp((%s) / %s, 0, 1))" % (n, left, n)
            out.append({"id": "%s_%s_share" % (cid, it["id"]), "formula": f})
    return out


class Model:
    def __init__(self, plan, errors):
        self.plan = plan
        self.inputs = {}
        self.kinds = {}
        for kind in ("levers", "assumptions"):
            for x in plan.get(kind, []):
                self.inputs[x["id"]] = x
                self.kinds[x["id"]] = kind
        self.derived = {}
        for d in plan.get("derived", []) + lower_constraints(plan):
            if d["id"] in self.inputs or d["id"] in self.derived:
                errors.append("duplicate id %s" % d["id"])
            try:
                ast = Parser(d["formula"]).parse()
                check_arity(ast)
                self.derived[d["id"]] = ast
            except FormulaError as ex:
                errors.append("derived %s: %s" % (d["id"], ex))
        self.targets = []
        for t in plan["targets"]:
            ast = None
            if t.get("value"):
                try:
                    ast = Parser(t["value"]).parse()
                    check_arity(ast)
                except FormulaError as ex:
                    errors.append("target %s: %s" % (t["id"], ex))
            self.targets.append((t, ast))
        known = set(self.inputs) | set(self.derived)
        for name, ast in list(self.derived.items()) + [(t["id"], a) for t, a in self.targets if a]:
            for v in variables(ast, set()):
                if v not in known:
                    errors.append("%s: unknown id %s" % (name, v))
        # dependency order
        self.order, state = [], {}

        def visit(n, path):
            if state.get(n) == 2:
                return
            if state.get(n) == 1:
                errors.append("cycle: " + " -> ".join(path + [n]))
                return
            state[n] = 1
            for v in sorted(variables(self.derived[n], set())):
                if v in self.derived:
                    visit(v, path + [n])
            state[n] = 2
            self.order.append(n)
        for n in self.derived:
            visit(n, [])

    def defaults(self):
        return {k: float(x["default"]) for k, x in self.inputs.items()}

    def run(self, overrides=None):
        env = self.defaults()
        if overrides:
            env.update(overrides)
        for n in self.order:
            try:
                env[n] = ev(self.derived[n], env)
            except (KeyError, OverflowError, ValueError):
                env[n] = math.nan
        tv = {}
        for t, ast in self.targets:
            try:
                tv[t["id"]] = ev(ast, env) if ast else None
            except (KeyError, OverflowError, ValueError):
                tv[t["id"]] = math.nan
        return env, tv


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    errors = []
    with open(sys.argv[1], encoding="utf-8") as f:
        plan = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        text = f.read()
    body = text

    # (a) sources
    ids = set()
    for t in plan["targets"]:
        if t["id"] in ids:
            errors.append("duplicate target id %s" % t["id"])
        ids.add(t["id"])
        s = t.get("source") or ""
        role = t.get("role", "outcome")
        if role not in ("outcome", "commitment", "check"):
            errors.append("target %s: unknown role %s" % (t["id"], role))
        if role == "check":
            if s:
                errors.append("target %s: a check has no source" % t["id"])
        elif not s:
            errors.append("target %s: empty source" % t["id"])
        elif s not in body:
            errors.append("target %s: source not found in the plan text: %s" % (t["id"], s))
    sections = {s["id"] for s in plan["sections"]}
    for t in plan["targets"]:
        if t["section"] not in sections:
            errors.append("target %s: unknown section %s" % (t["id"], t["section"]))
    for kind in ("levers", "assumptions"):
        for x in plan.get(kind, []):
            lo, hi, d = x["min"], x["max"], x["default"]
            if not (lo < hi and x["step"] > 0 and lo <= d <= hi):
                errors.append("%s %s: bad min/max/step/default" % (kind, x["id"]))
            if kind == "assumptions" and not (lo <= x["low"] <= d <= x["high"] <= hi):
                errors.append("assumption %s: need min <= low <= default <= high <= max" % x["id"])
            if x.get("group") and x["group"] not in sections:
                errors.append("%s %s: unknown group %s" % (kind, x["id"], x["group"]))

    model = Model(plan, errors)
    if errors:
        for e in errors:
            print("ERROR:", e)
        return 1

    # (b)+(c) defaults
    env, tv = model.run()
    base_met = {}
    for k in model.order:
        if not math.isfinite(env[k]):
            errors.append("derived %s is not finite at the defaults" % k)

    # (d) assumptions low/high
    flips = {}
    report_d = []
    for a in plan.get("assumptions", []):
        for end in ("low", "high"):
            if a[end] == a["default"]:
                continue
            _, tv2 = model.run({a["id"]: float(a[end])})
            changed = []
            for t, _ in model.targets:
                before = goal_holds(t["goal"], tv[t["id"]])
                after = goal_holds(t["goal"], tv2[t["id"]])
                if before != after:
                    changed.append(t["id"])
                    if before:
                        flips.setdefault(t["id"], []).append("%s=%s" % (a["id"], fmt(a[end])))
            if changed:
                report_d.append("  %s at %s (%s): %s" % (a["id"], end, fmt(a[end]), ", ".join(changed)))

    print("Targets at the defaults:")
    n_met = 0
    roles = {}
    not_met = []
    for t, _ in model.targets:
        v = tv[t["id"]]
        ok = goal_holds(t["goal"], v)
        base_met[t["id"]] = ok
        if v is None:
            status = "no_data"
        elif not math.isfinite(v):
            status = "no_data"
        elif not ok:
            status = "NOT MET"
        elif t["id"] in flips:
            status = "met (at_risk)"
        else:
            status = "met"
        role = t.get("role", "outcome")
        roles.setdefault(role, [0, 0])
        roles[role][1] += 1
        if ok:
            n_met += 1
            roles[role][0] += 1
        else:
            not_met.append(t["id"])
        print("  %-32s %-12s %-10s %14s  goal %-22s %s" % (t["id"], t["section"], role, fmt(v), goal_str(t["goal"]), status))
    print("%d of %d targets met at the defaults (%s)." % (n_met, len(model.targets), ", ".join(
        "%s %d/%d" % (r, m, n) for r, (m, n) in sorted(roles.items()))))
    if not_met:
        print("Not met at the defaults (a finding, not a failure): " + ", ".join(not_met))

    print("\nDerived quantities at the defaults:")
    for k in model.order:
        print("  %-28s %s" % (k, fmt(env[k])))

    print("\nAssumptions at low/high, targets whose status flips:")
    print("\n".join(report_d) if report_d else "  (none)")
    print("\nAt-risk targets (met, but fail at one end of an assumption's range):")
    for tid, why in flips.items():
        print("  %-32s %s" % (tid, ", ".join(why)))

    # (e) sensitivity and finiteness
    watch = list(model.order)
    for kind in ("levers", "assumptions"):
        for x in plan.get(kind, []):
            lo, hi = float(x["min"]), float(x["max"])
            e_lo, t_lo = model.run({x["id"]: lo})
            e_hi, t_hi = model.run({x["id"]: hi})
            moved = False
            for i in range(21):
                _, t_mid = model.run({x["id"]: lo + (hi - lo) * i / 20})
                moved = moved or any(t_lo[k] != t_mid[k] for k in t_lo)
            if not moved:
                errors.append("%s %s: moving it from min to max changes no target or check" % (kind, x["id"]))
            for i in range(21):
                val = lo + (hi - lo) * i / 20
                e2, t2 = model.run({x["id"]: val})
                bad = [k for k in watch if not math.isfinite(e2[k])] + \
                      [k for k, v in t2.items() if v is not None and not math.isfinite(v)]
                if bad:
                    errors.append("%s %s = %s: non-finite %s" % (kind, x["id"], fmt(val), ", ".join(bad)))
                    break

    n = {k: len(plan.get(k, [])) for k in ("targets", "levers", "assumptions", "derived")}
    print("\n%(targets)d targets, %(levers)d levers, %(assumptions)d assumptions, %(derived)d derived." % n)
    if errors:
        print("\nFAILED:")
        for e in errors:
            print("ERROR:", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
