//! A reader of the ffmpeg expressions the planner writes (`floor((n+30)/2)`,
//! `clip(min((t-1)/0.4,(4-t)/0.4),0,1)`), so that a test can compute what ffmpeg will compute
//! on a frame: numbers, named values, `+ - * /`, parentheses, and the functions the planner
//! uses (`floor`, `round`, `clip`, `min`, `max`, `gte`, `lt`), with ffmpeg's meanings.

/// Evaluates `text` with `value(name)` for its names; `None` for anything it cannot read.
pub(super) fn eval(text: &str, value: &dyn Fn(&str) -> Option<f64>) -> Option<f64> {
    let mut reader = Reader {
        text: text.as_bytes(),
        at: 0,
        value,
    };
    let result = reader.sum()?;
    (reader.at == reader.text.len()).then_some(result)
}

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
    value: &'a dyn Fn(&str) -> Option<f64>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn sum(&mut self) -> Option<f64> {
        let mut total = self.product()?;
        while let Some(op @ (b'+' | b'-')) = self.peek() {
            self.at += 1;
            let next = self.product()?;
            total = if op == b'+' {
                total + next
            } else {
                total - next
            };
        }
        Some(total)
    }

    fn product(&mut self) -> Option<f64> {
        let mut total = self.unary()?;
        while let Some(op @ (b'*' | b'/')) = self.peek() {
            self.at += 1;
            let next = self.unary()?;
            total = if op == b'*' {
                total * next
            } else {
                total / next
            };
        }
        Some(total)
    }

    fn unary(&mut self) -> Option<f64> {
        if self.eat(b'-').is_some() {
            return Some(-self.unary()?);
        }
        self.atom()
    }

    fn atom(&mut self) -> Option<f64> {
        if self.eat(b'(').is_some() {
            let inner = self.sum()?;
            self.eat(b')')?;
            return Some(inner);
        }
        let start = self.at;
        let byte = self.peek()?;
        if byte.is_ascii_digit() || byte == b'.' {
            while self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
                self.at += 1;
            }
            return std::str::from_utf8(&self.text[start..self.at])
                .ok()?
                .parse()
                .ok();
        }
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
        let name = std::str::from_utf8(&self.text[start..self.at]).ok()?;
        if name.is_empty() {
            return None;
        }
        if self.eat(b'(').is_none() {
            return (self.value)(name);
        }
        let mut args = vec![self.sum()?];
        while self.eat(b',').is_some() {
            args.push(self.sum()?);
        }
        self.eat(b')')?;
        call(name, &args)
    }
}

/// ffmpeg's function `name` (libavutil/eval.c) on `args`.
fn call(name: &str, args: &[f64]) -> Option<f64> {
    let flag = |yes: bool| if yes { 1.0 } else { 0.0 };
    Some(match (name, args) {
        ("floor", [x]) => x.floor(),
        // C's round: halves away from zero.
        ("round", [x]) => x.round(),
        ("clip", [x, lo, hi]) => x.max(*lo).min(*hi),
        ("min", [a, b]) => a.min(*b),
        ("max", [a, b]) => a.max(*b),
        ("gte", [a, b]) => flag(a >= b),
        ("lt", [a, b]) => flag(a < b),
        _ => return None,
    })
}

#[test]
fn expressions_read_as_ffmpeg_reads_them() {
    let n = |name: &str| (name == "n").then_some(7.0);
    assert_eq!(eval("1920+2*floor((n+30)/2)", &n), Some(1956.0));
    assert_eq!(eval("round(floor((n+30)/2)*1080/1920)", &n), Some(10.0));
    assert_eq!(eval("104-floor((n+0)/2)", &n), Some(101.0));
    let t = |name: &str| (name == "t").then_some(1.2);
    let alpha = eval("clip(min((t-1)/0.4,(4-t)/0.4),0,1)", &t).expect("alpha");
    assert!((alpha - 0.5).abs() < 1e-12);
    assert_eq!(eval("gte(t,0.5)*lt(t,3)", &t), Some(1.0));
    assert_eq!(eval("floor(", &t), None);
    assert_eq!(eval("zz", &t), None);
}
