//! The formula engine: parsed formulas compiled once into a flat program over numbered slots,
//! evaluated many times by a loop with no allocation.
//!
//! Slot layout, fixed by [`crate::core::plan::Plan`]: inputs (levers, then assumptions), then
//! derived quantities, then one slot per target value. The program stores each derived quantity
//! in topological order, then each target value, so one pass computes everything.

use super::expr::{BinOp, Expr, Func};

/// One instruction of the stack machine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Const(f64),
    Load(u32),
    Neg,
    Bin(BinOp),
    Min(u8),
    Max(u8),
    If,
    Abs,
    Round,
    Floor,
    Ceil,
    Clamp,
    Not,
    /// Pop the result into a slot.
    Store(u32),
    // Fused forms (peephole): fewer dispatches for the common shapes.
    /// `slot[dst] = slot[src]` (a target or derived quantity that reads one id).
    Copy(u32, u32),
    /// push `slot[a] op slot[b]`.
    BinSS(BinOp, u32, u32),
    /// top = top op slot[b].
    BinTS(BinOp, u32),
    /// top = top op c.
    BinTC(BinOp, f64),
}

/// A compiled plan model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Program {
    ops: Vec<Op>,
    slots: usize,
    max_stack: usize,
}

/// Scratch space for [`Program::run`]; reuse it so evaluation never allocates.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub slots: Vec<f64>,
    stack: Vec<f64>,
}

impl Program {
    /// Starts an empty program with `slots` slots.
    pub fn new(slots: usize) -> Self {
        Program {
            ops: Vec::new(),
            slots,
            max_stack: 0,
        }
    }

    /// Appends `expr` (whose names are already resolved by `resolve`) storing into `slot`.
    /// Names `resolve` does not know compile to NaN; validation rejects them before this.
    pub fn push(&mut self, expr: &Expr, slot: usize, resolve: &dyn Fn(&str) -> Option<usize>) {
        if let Expr::Var { name, .. } = expr {
            if let Some(src) = resolve(name) {
                self.ops.push(Op::Copy(src as u32, slot as u32));
                return;
            }
        }
        self.emit(expr, resolve);
        self.ops.push(Op::Store(slot as u32));
        self.max_stack = self.max_stack.max(expr.depth());
    }

    fn emit(&mut self, expr: &Expr, resolve: &dyn Fn(&str) -> Option<usize>) {
        match expr {
            Expr::Num(v) => self.ops.push(Op::Const(*v)),
            Expr::Var { name, .. } => match resolve(name) {
                Some(slot) => self.ops.push(Op::Load(slot as u32)),
                None => self.ops.push(Op::Const(f64::NAN)),
            },
            Expr::Neg(e) => {
                self.emit(e, resolve);
                self.ops.push(Op::Neg);
            }
            Expr::Bin(op, a, b) => {
                let slot_of = |e: &Expr| match e {
                    Expr::Var { name, .. } => resolve(name).map(|s| s as u32),
                    _ => None,
                };
                match (slot_of(a), slot_of(b), &**b) {
                    (Some(sa), Some(sb), _) => self.ops.push(Op::BinSS(*op, sa, sb)),
                    (_, Some(sb), _) => {
                        self.emit(a, resolve);
                        self.ops.push(Op::BinTS(*op, sb));
                    }
                    (_, None, Expr::Num(c)) => {
                        self.emit(a, resolve);
                        self.ops.push(Op::BinTC(*op, *c));
                    }
                    _ => {
                        self.emit(a, resolve);
                        self.emit(b, resolve);
                        self.ops.push(Op::Bin(*op));
                    }
                }
            }
            Expr::Call(f, args) => {
                for a in args {
                    self.emit(a, resolve);
                }
                let n = args.len().min(u8::MAX as usize) as u8;
                self.ops.push(match f {
                    Func::Min => Op::Min(n),
                    Func::Max => Op::Max(n),
                    Func::If => Op::If,
                    Func::Abs => Op::Abs,
                    Func::Round => Op::Round,
                    Func::Floor => Op::Floor,
                    Func::Ceil => Op::Ceil,
                    Func::Clamp => Op::Clamp,
                    Func::Not => Op::Not,
                });
            }
        }
    }

    /// Each store of the program in order: the slot it fills and the slots its expression
    /// loads. Lets callers work out dependencies without re-parsing formulas.
    pub fn stores(&self) -> Vec<(usize, Vec<usize>)> {
        let mut out = Vec::new();
        let mut loads = Vec::new();
        for op in &self.ops {
            match *op {
                Op::Load(s) | Op::BinTS(_, s) => loads.push(s as usize),
                Op::BinSS(_, a, b) => loads.extend([a as usize, b as usize]),
                Op::Copy(src, dst) => {
                    loads.push(src as usize);
                    out.push((dst as usize, std::mem::take(&mut loads)));
                }
                Op::Store(s) => out.push((s as usize, std::mem::take(&mut loads))),
                _ => {}
            }
        }
        out
    }

    /// The program reduced to the stores whose slot `keep` accepts (each with its whole
    /// expression), in the same order: evaluating one target needs only what it reads.
    pub fn retain_stores(&self, keep: impl Fn(usize) -> bool) -> Program {
        let mut ops = Vec::new();
        let mut start = 0;
        for (i, op) in self.ops.iter().enumerate() {
            if let Op::Store(s) | Op::Copy(_, s) = *op {
                if keep(s as usize) {
                    ops.extend_from_slice(self.ops.get(start..=i).unwrap_or(&[]));
                }
                start = i + 1;
            }
        }
        Program {
            ops,
            slots: self.slots,
            max_stack: self.max_stack,
        }
    }

    pub fn slot_count(&self) -> usize {
        self.slots
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// A workspace sized for this program.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            slots: vec![0.0; self.slots],
            stack: Vec::with_capacity(self.max_stack + 1),
        }
    }

    /// Evaluates the program. `inputs` fill the first slots; the rest are computed.
    /// Non-finite results (division by zero, …) are stored as they are: readers check
    /// `is_finite()` and report a diagnostic on that quantity.
    pub fn run(&self, inputs: &[f64], ws: &mut Workspace) {
        if ws.slots.len() != self.slots {
            ws.slots.resize(self.slots, 0.0);
        }
        for (slot, v) in ws.slots.iter_mut().zip(inputs) {
            *slot = *v;
        }
        let stack = &mut ws.stack;
        stack.clear();
        let slots = &mut ws.slots;
        for op in &self.ops {
            match *op {
                Op::Const(v) => stack.push(v),
                Op::Load(s) => stack.push(load(slots, s)),
                Op::Neg => {
                    let a = pop(stack);
                    stack.push(-a);
                }
                Op::Bin(op) => {
                    let b = pop(stack);
                    let a = pop(stack);
                    stack.push(binary(op, a, b));
                }
                Op::Min(n) => {
                    let mut m = f64::INFINITY;
                    for _ in 0..n {
                        m = fmin(m, pop(stack));
                    }
                    stack.push(m);
                }
                Op::Max(n) => {
                    let mut m = f64::NEG_INFINITY;
                    for _ in 0..n {
                        m = fmax(m, pop(stack));
                    }
                    stack.push(m);
                }
                Op::If => {
                    let e = pop(stack);
                    let t = pop(stack);
                    let c = pop(stack);
                    stack.push(if c.is_nan() {
                        f64::NAN
                    } else if c != 0.0 {
                        t
                    } else {
                        e
                    });
                }
                Op::Abs => {
                    let a = pop(stack);
                    stack.push(a.abs());
                }
                Op::Round => {
                    let a = pop(stack);
                    stack.push(a.round());
                }
                Op::Floor => {
                    let a = pop(stack);
                    stack.push(a.floor());
                }
                Op::Ceil => {
                    let a = pop(stack);
                    stack.push(a.ceil());
                }
                Op::Clamp => {
                    let hi = pop(stack);
                    let lo = pop(stack);
                    let x = pop(stack);
                    stack.push(fmin(fmax(x, lo), hi));
                }
                Op::Not => {
                    let a = pop(stack);
                    stack.push(truth(a == 0.0, a));
                }
                Op::Store(s) => {
                    let v = pop(stack);
                    if let Some(slot) = slots.get_mut(s as usize) {
                        *slot = v;
                    }
                }
                Op::Copy(src, dst) => {
                    let v = load(slots, src);
                    if let Some(slot) = slots.get_mut(dst as usize) {
                        *slot = v;
                    }
                }
                Op::BinSS(op, a, b) => stack.push(binary(op, load(slots, a), load(slots, b))),
                Op::BinTS(op, b) => {
                    let a = pop(stack);
                    stack.push(binary(op, a, load(slots, b)));
                }
                Op::BinTC(op, c) => {
                    let a = pop(stack);
                    stack.push(binary(op, a, c));
                }
            }
        }
    }
}

#[inline]
fn load(slots: &[f64], s: u32) -> f64 {
    slots.get(s as usize).copied().unwrap_or(f64::NAN)
}

#[inline]
fn pop(stack: &mut Vec<f64>) -> f64 {
    stack.pop().unwrap_or(f64::NAN)
}

/// NaN-propagating min/max (f64::min ignores NaN, which would hide a broken input).
#[inline]
fn fmin(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

#[inline]
fn fmax(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// 1.0 or 0.0, NaN when the operand that decided it was NaN.
#[inline]
fn truth(b: bool, operand: f64) -> f64 {
    if operand.is_nan() {
        f64::NAN
    } else if b {
        1.0
    } else {
        0.0
    }
}

#[inline]
fn binary(op: BinOp, a: f64, b: f64) -> f64 {
    let nan = a.is_nan() || b.is_nan();
    let cmp = |r: bool| {
        if nan {
            f64::NAN
        } else if r {
            1.0
        } else {
            0.0
        }
    };
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Lt => cmp(a < b),
        BinOp::Le => cmp(a <= b),
        BinOp::Gt => cmp(a > b),
        BinOp::Ge => cmp(a >= b),
        BinOp::Eq => cmp(a == b),
        BinOp::Ne => cmp(a != b),
        BinOp::And => cmp(a != 0.0 && b != 0.0),
        BinOp::Or => cmp(a != 0.0 || b != 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::expr::parse;

    fn eval(src: &str, vars: &[(&str, f64)]) -> f64 {
        let names: Vec<&str> = vars.iter().map(|(n, _)| *n).collect();
        let inputs: Vec<f64> = vars.iter().map(|(_, v)| *v).collect();
        let mut p = Program::new(vars.len() + 1);
        let resolve = |n: &str| names.iter().position(|m| *m == n);
        p.push(&parse(src).unwrap(), vars.len(), &resolve);
        let mut ws = p.workspace();
        p.run(&inputs, &mut ws);
        ws.slots[vars.len()]
    }

    #[test]
    fn arithmetic_and_functions() {
        assert_eq!(eval("1 + 2 * 3 - 4 / 2", &[]), 5.0);
        assert_eq!(eval("min(3, x, 7)", &[("x", 2.0)]), 2.0);
        assert_eq!(eval("max(3, x, 7)", &[("x", 9.0)]), 9.0);
        assert_eq!(eval("if(x > 1, 10, 20)", &[("x", 2.0)]), 10.0);
        assert_eq!(eval("if(x > 1, 10, 20)", &[("x", 0.5)]), 20.0);
        assert_eq!(eval("clamp(x, 0, 100)", &[("x", 120.0)]), 100.0);
        assert_eq!(
            eval("round(2.5) + floor(1.9) + ceil(1.1) + abs(-1)", &[]),
            7.0
        );
        assert_eq!(eval("not(x) + (1 and 0) + (1 or 0)", &[("x", 0.0)]), 2.0);
        assert_eq!(eval("-x * 2", &[("x", 3.0)]), -6.0);
        assert_eq!(
            eval("(a + b) / c", &[("a", 1.0), ("b", 2.0), ("c", 3.0)]),
            1.0
        );
    }

    #[test]
    fn division_by_zero_is_a_value_not_a_crash() {
        assert!(eval("1 / x", &[("x", 0.0)]).is_infinite());
        assert!(eval("0 / x", &[("x", 0.0)]).is_nan());
        assert!(eval("min(1, 0 / x)", &[("x", 0.0)]).is_nan());
        assert!(eval("if(0 / x, 1, 2)", &[("x", 0.0)]).is_nan());
    }

    #[test]
    fn stores_and_retained_stores() {
        // Every op shape that loads or stores: BinTC, BinSS, Copy, BinTS, Bin.
        let names = ["x", "y", "a", "b", "c", "d", "e"];
        let resolve = |n: &str| names.iter().position(|m| *m == n);
        let mut p = Program::new(7);
        for (src, slot) in [
            ("x * 2", 2),
            ("a + y", 3),
            ("x", 4),
            ("2 * b", 5),
            ("(x + 1) * (y + 1)", 6),
        ] {
            p.push(&parse(src).unwrap(), slot, &resolve);
        }
        assert_eq!(
            p.stores(),
            vec![
                (2, vec![0]),
                (3, vec![2, 1]),
                (4, vec![0]),
                (5, vec![3]),
                (6, vec![0, 1])
            ]
        );
        let kept = p.retain_stores(|s| s != 4 && s != 6);
        assert_eq!(
            kept.stores(),
            vec![(2, vec![0]), (3, vec![2, 1]), (5, vec![3])]
        );
        let mut ws = kept.workspace();
        kept.run(&[5.0, 1.0], &mut ws);
        assert_eq!(ws.slots, vec![5.0, 1.0, 10.0, 11.0, 0.0, 22.0, 0.0]);
    }

    #[test]
    fn untaken_branch_does_not_poison() {
        assert_eq!(eval("if(x == 0, 0, 1 / x)", &[("x", 0.0)]), 0.0);
    }
}
